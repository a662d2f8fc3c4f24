namespace Dynamo.Actors.Cluster;

/// <summary>
/// The φ accrual failure detector (Hayashibara et al.), as Akka implements it: instead of a yes/no timeout
/// it computes φ = −log10(P(a heartbeat is still to come after this much silence)), from the mean and
/// deviation of recent inter-arrival times, and calls the resource unavailable once φ reaches the
/// threshold. φ = 1 means a 10 % chance of a wrong verdict, 2 means 1 %, 8 (the default) means 10⁻⁸.
/// </summary>
/// <remarks>
/// Time comes in as parameters so the detector runs unchanged under a simulator's virtual clock. Not
/// thread-safe: one actor (the heartbeat receiver) owns it.
/// </remarks>
public sealed class PhiAccrualFailureDetector : IFailureDetector
{
    private readonly HeartbeatHistory _history;
    private long? _lastHeartbeat;

    /// <summary>A detector with Akka's parameters.</summary>
    /// <param name="threshold">φ at which the resource is considered unavailable.</param>
    /// <param name="maxSampleSize">How many recent intervals the statistics use.</param>
    /// <param name="minStdDeviation">Floor for the deviation, so very regular heartbeats do not make φ hair-triggered.</param>
    /// <param name="acceptableHeartbeatPause">Silence tolerated on top of the mean interval (GC pauses, network blips).</param>
    /// <param name="firstHeartbeatEstimate">The interval assumed before real samples exist.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range; the message names it.</exception>
    public PhiAccrualFailureDetector(
        double threshold,
        int maxSampleSize,
        TimeSpan minStdDeviation,
        TimeSpan acceptableHeartbeatPause,
        TimeSpan firstHeartbeatEstimate)
    {
        if (!(threshold > 0) || double.IsInfinity(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be a positive number.");
        if (minStdDeviation <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(minStdDeviation), minStdDeviation, "min-std-deviation must be positive.");
        if (acceptableHeartbeatPause < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(acceptableHeartbeatPause), acceptableHeartbeatPause, "acceptable-heartbeat-pause must not be negative.");
        if (firstHeartbeatEstimate <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(firstHeartbeatEstimate), firstHeartbeatEstimate, "first heartbeat estimate (heartbeat-interval) must be positive.");
        Threshold = threshold;
        MinStdDeviation = minStdDeviation;
        AcceptableHeartbeatPause = acceptableHeartbeatPause;
        FirstHeartbeatEstimate = firstHeartbeatEstimate;
        _history = new HeartbeatHistory(maxSampleSize);
    }

    /// <summary>A detector configured from the cluster's failure-detector settings.</summary>
    public PhiAccrualFailureDetector(FailureDetectorSettings settings)
        : this(
            (settings ?? throw new ArgumentNullException(nameof(settings))).Threshold,
            settings.MaxSampleSize,
            settings.MinStdDeviation,
            settings.AcceptableHeartbeatPause,
            settings.HeartbeatInterval)
    {
    }

    /// <summary>φ at which the resource is considered unavailable.</summary>
    public double Threshold { get; }

    /// <summary>The most intervals the statistics use.</summary>
    public int MaxSampleSize => _history.MaxSampleSize;

    /// <summary>Floor for the standard deviation.</summary>
    public TimeSpan MinStdDeviation { get; }

    /// <summary>Silence tolerated on top of the mean interval.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; }

    /// <summary>The interval assumed before real samples exist.</summary>
    public TimeSpan FirstHeartbeatEstimate { get; }

    /// <summary>The recent inter-arrival times.</summary>
    public HeartbeatHistory History => _history;

    /// <inheritdoc />
    public bool IsMonitoring => _lastHeartbeat.HasValue;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The time is before the previous heartbeat (the clock must be monotonic).</exception>
    public void Heartbeat(long nowMillis)
    {
        if (_lastHeartbeat is not { } last)
        {
            // Seed the history around the estimate (mean ± a quarter) so φ is meaningful from the second heartbeat on.
            double mean = FirstHeartbeatEstimate.TotalMilliseconds;
            double deviation = mean / 4;
            _history.Add((long)(mean - deviation));
            _history.Add((long)(mean + deviation));
        }
        else
        {
            if (nowMillis < last)
                throw new ArgumentOutOfRangeException(nameof(nowMillis), nowMillis, $"Heartbeat at {nowMillis} ms is before the previous one at {last} ms; the clock must be monotonic.");
            // The first heartbeat after a failure would skew the statistics with the outage itself.
            if (IsAvailable(nowMillis)) _history.Add(nowMillis - last);
        }
        _lastHeartbeat = nowMillis;
    }

    /// <summary>φ at <paramref name="nowMillis"/>; zero before the first heartbeat (an unmonitored resource counts as healthy).</summary>
    public double Phi(long nowMillis)
    {
        if (_lastHeartbeat is not { } last) return 0.0;
        double timeDiff = nowMillis - last;
        double stdDeviation = Math.Max(_history.StdDeviation, MinStdDeviation.TotalMilliseconds);
        return PhiOf(timeDiff, _history.Mean + AcceptableHeartbeatPause.TotalMilliseconds, stdDeviation);
    }

    /// <inheritdoc />
    public bool IsAvailable(long nowMillis) => Phi(nowMillis) < Threshold;

    /// <summary>
    /// φ of a silence of <paramref name="timeDiffMillis"/> when intervals are normal with the given mean and
    /// deviation. Uses the logistic approximation of the normal CDF Akka uses,
    /// P(X ≤ x) ≈ 1 / (1 + e^(−y(1.5976 + 0.070566 y²))) with y = (x − mean) / deviation, which is within
    /// 1.4·10⁻⁴ of the true CDF and cheap; the tail is taken in the form that does not cancel for large y.
    /// </summary>
    public static double PhiOf(double timeDiffMillis, double meanMillis, double stdDeviationMillis)
    {
        double y = (timeDiffMillis - meanMillis) / stdDeviationMillis;
        double e = Math.Exp(-y * (1.5976 + 0.070566 * y * y));
        return timeDiffMillis > meanMillis
            ? -Math.Log10(e / (1.0 + e))
            : -Math.Log10(1.0 - 1.0 / (1.0 + e));
    }
}
