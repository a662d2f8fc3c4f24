using Dynamo.Actors.Configuration;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// The cluster failure detector's settings (<c>dynamo.cluster.failure-detector</c>), with Akka.Cluster's
/// defaults. The first heartbeat estimate is the heartbeat interval, as in Akka.
/// </summary>
public sealed record FailureDetectorSettings
{
    /// <summary>Akka's defaults.</summary>
    public static readonly FailureDetectorSettings Default = new();

    /// <summary>How often a node sends heartbeats to the nodes it is monitored by (<c>heartbeat-interval</c>).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>φ at which a node is marked unreachable (<c>threshold</c>).</summary>
    public double Threshold { get; init; } = 8.0;

    /// <summary>How many recent heartbeat intervals the statistics use (<c>max-sample-size</c>).</summary>
    public int MaxSampleSize { get; init; } = 1000;

    /// <summary>Floor for the interval deviation (<c>min-std-deviation</c>).</summary>
    public TimeSpan MinStdDeviation { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Silence tolerated on top of the mean interval (<c>acceptable-heartbeat-pause</c>).</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How many other nodes monitor each node (<c>monitored-by-nr-of-members</c>).</summary>
    public int MonitoredByNrOfMembers { get; init; } = 9;

    /// <summary>After a heartbeat request this long without a reply, the first heartbeat is assumed lost and detection starts (<c>expected-response-after</c>).</summary>
    public TimeSpan ExpectedResponseAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads a <c>failure-detector</c> section; <see cref="ClusterSettings.FromConfig"/> validates the result.</summary>
    public static FailureDetectorSettings FromConfig(Config c) => new()
    {
        HeartbeatInterval = c.GetTimeSpan("heartbeat-interval"),
        Threshold = c.GetDouble("threshold"),
        MaxSampleSize = c.GetInt("max-sample-size"),
        MinStdDeviation = c.GetTimeSpan("min-std-deviation"),
        AcceptableHeartbeatPause = c.GetTimeSpan("acceptable-heartbeat-pause"),
        MonitoredByNrOfMembers = c.GetInt("monitored-by-nr-of-members"),
        ExpectedResponseAfter = c.GetTimeSpan("expected-response-after"),
    };

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names its key.</exception>
    public FailureDetectorSettings Validate()
    {
        const string p = "dynamo.cluster.failure-detector.";
        Require(HeartbeatInterval > TimeSpan.Zero, p + "heartbeat-interval must be positive");
        Require(Threshold > 0 && !double.IsInfinity(Threshold), p + "threshold must be a positive number");
        Require(MaxSampleSize >= 1, p + "max-sample-size must be at least 1");
        Require(MinStdDeviation > TimeSpan.Zero, p + "min-std-deviation must be positive");
        Require(AcceptableHeartbeatPause >= TimeSpan.Zero, p + "acceptable-heartbeat-pause must not be negative");
        Require(MonitoredByNrOfMembers >= 1, p + "monitored-by-nr-of-members must be at least 1");
        Require(ExpectedResponseAfter > TimeSpan.Zero, p + "expected-response-after must be positive");
        return this;
    }

    /// <summary>A φ accrual failure detector with these settings.</summary>
    public PhiAccrualFailureDetector CreateFailureDetector() => new(this);

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message + ".");
    }
}
