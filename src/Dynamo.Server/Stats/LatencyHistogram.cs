namespace Dynamo.Server.Stats;

/// <summary>
/// A lock-free histogram of latencies in microseconds with log-linear buckets: exact below 16 µs,
/// then eight buckets per power of two, so a percentile is reported at most 12.5 % above the true
/// value whatever the scale. Recording is one interlocked increment; memory is fixed.
/// </summary>
public sealed class LatencyHistogram
{
    private const int ExactBuckets = 16;
    private const int SubBucketBits = 3;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int FirstExponent = 4;
    // 2^40 µs is about twelve days: anything slower lands in the last bucket.
    private const int LastExponent = 40;
    private const int BucketCount = ExactBuckets + (LastExponent - FirstExponent + 1) * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];
    private long _total;
    private long _max;

    /// <summary>Latencies recorded so far.</summary>
    public long Count => Interlocked.Read(ref _total);

    /// <summary>Records one latency.</summary>
    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(0, latency.Ticks / TimeSpan.TicksPerMicrosecond);
        Interlocked.Increment(ref _counts[BucketOf(micros)]);
        Interlocked.Increment(ref _total);
        var max = Interlocked.Read(ref _max);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, micros, max);
            if (seen == max) break;
            max = seen;
        }
    }

    /// <summary>
    /// The latency at or below which <paramref name="quantile"/> of the recordings fall, as the upper
    /// bound of its bucket (never above the largest recorded); zero when nothing was recorded.
    /// </summary>
    /// <param name="quantile">Between 0 and 1, e.g. 0.99.</param>
    public TimeSpan Percentile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1.0);
        var counts = new long[BucketCount];
        for (var i = 0; i < counts.Length; i++) counts[i] = Interlocked.Read(ref _counts[i]);
        var total = counts.Sum();
        if (total == 0) return TimeSpan.Zero;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(Math.Min(UpperBoundOf(i), Interlocked.Read(ref _max)));
            }
        }
        return Max;
    }

    /// <summary>The largest latency recorded.</summary>
    public TimeSpan Max => TimeSpan.FromMicroseconds(Interlocked.Read(ref _max));

    /// <summary>Count, p50, p95, p99 and max in one view.</summary>
    public LatencySummary Summary() =>
        new(Count, Millis(Percentile(0.50)), Millis(Percentile(0.95)), Millis(Percentile(0.99)), Millis(Max));

    private static double Millis(TimeSpan t) => Math.Round(t.TotalMilliseconds, 3);

    private static int BucketOf(long micros)
    {
        if (micros < ExactBuckets) return (int)micros;
        var exponent = 63 - (int)long.LeadingZeroCount(micros);
        if (exponent > LastExponent) return BucketCount - 1;
        var sub = (int)(micros >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return ExactBuckets + (exponent - FirstExponent) * SubBuckets + sub;
    }

    private static long UpperBoundOf(int bucket)
    {
        if (bucket < ExactBuckets) return bucket;
        var exponent = FirstExponent + (bucket - ExactBuckets) / SubBuckets;
        var sub = (bucket - ExactBuckets) % SubBuckets;
        return ((long)(SubBuckets + sub + 1) << (exponent - SubBucketBits)) - 1;
    }
}
