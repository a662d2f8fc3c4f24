namespace Dynamo.Actors.Cluster;

/// <summary>
/// The most recent heartbeat inter-arrival times, at most <see cref="MaxSampleSize"/> of them, kept in a
/// fixed ring buffer with a running sum and sum of squares, so that adding a sample and reading the mean
/// and deviation cost O(1) and allocate nothing.
/// </summary>
/// <remarks>
/// Akka keeps an immutable list and copies it on every heartbeat; with the default 1000 samples that is a
/// thousand-element copy per heartbeat per monitored node. Sums are exact integers (milliseconds), so
/// evicting old samples never drifts the statistics. Not thread-safe: the owning failure detector is used
/// by one actor.
/// </remarks>
public sealed class HeartbeatHistory
{
    private readonly long[] _intervals;
    private int _oldest;
    private long _sum;
    private Int128 _squaredSum;

    /// <summary>An empty history that keeps at most <paramref name="maxSampleSize"/> intervals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public HeartbeatHistory(int maxSampleSize)
    {
        if (maxSampleSize < 1)
            throw new ArgumentOutOfRangeException(nameof(maxSampleSize), maxSampleSize, "max-sample-size must be at least 1.");
        _intervals = new long[maxSampleSize];
    }

    /// <summary>The most intervals kept; older ones are forgotten.</summary>
    public int MaxSampleSize => _intervals.Length;

    /// <summary>How many intervals are kept now.</summary>
    public int Count { get; private set; }

    /// <summary>The mean interval in milliseconds; zero when empty.</summary>
    public double Mean => Count == 0 ? 0 : (double)_sum / Count;

    /// <summary>The population variance of the intervals, in square milliseconds; zero when empty.</summary>
    public double Variance
    {
        get
        {
            if (Count == 0) return 0;
            // n·Σx² − (Σx)² is exact in 128-bit integers and never negative, unlike Σx²/n − mean².
            Int128 n = Count;
            Int128 numerator = n * _squaredSum - (Int128)_sum * _sum;
            return (double)numerator / ((double)Count * Count);
        }
    }

    /// <summary>The standard deviation of the intervals in milliseconds.</summary>
    public double StdDeviation => Math.Sqrt(Variance);

    /// <summary>The kept intervals, oldest first.</summary>
    public IEnumerable<long> Intervals
    {
        get
        {
            for (int i = 0; i < Count; i++) yield return _intervals[(_oldest + i) % _intervals.Length];
        }
    }

    /// <summary>Adds an interval, forgetting the oldest when full.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is negative.</exception>
    public void Add(long intervalMillis)
    {
        if (intervalMillis < 0)
            throw new ArgumentOutOfRangeException(nameof(intervalMillis), intervalMillis, "A heartbeat interval cannot be negative.");
        if (Count == _intervals.Length)
        {
            long evicted = _intervals[_oldest];
            _sum -= evicted;
            _squaredSum -= (Int128)evicted * evicted;
            _oldest = (_oldest + 1) % _intervals.Length;
            Count--;
        }
        _intervals[(_oldest + Count) % _intervals.Length] = intervalMillis;
        _sum += intervalMillis;
        _squaredSum += (Int128)intervalMillis * intervalMillis;
        Count++;
    }
}
