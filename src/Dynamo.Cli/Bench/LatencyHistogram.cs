namespace Dynamo.Cli.Bench;

/// <summary>
/// A log-linear histogram of latencies in nanoseconds, after HdrHistogram: values below 128 have a bucket each;
/// above, every power-of-two range [2^k, 2^(k+1)) is split into 128 linear sub-buckets of width 2^(k-7). A bucket
/// is therefore at most 1/128 of its lower bound wide, and a value reported at the bucket's middle is within
/// 0.4 % of every value in it, well inside the 1 % this tool promises.
/// </summary>
/// <remarks>
/// One writer records (a client owns its histogram, so the hot path takes no lock and no interlocked
/// instruction); others may read concurrently for live progress, seeing counts at most one operation stale,
/// which is harmless there. Final figures are read after the writers finished.
/// </remarks>
public sealed class LatencyHistogram
{
    /// <summary>Sub-buckets per power of two, as bits: 2^7 = 128.</summary>
    private const int SubBucketBits = 7;

    private const int SubBucketCount = 1 << SubBucketBits;

    /// <summary>
    /// The largest value kept apart from others, 2^40 ns (about 18 minutes): a latency beyond it is counted in
    /// the last bucket (the exact maximum is still kept), since no request waits that long without a timeout.
    /// </summary>
    public const long HighestTrackableValue = (1L << 40) - 1;

    private static readonly int BucketCount = IndexOf(HighestTrackableValue) + 1;

    private readonly long[] _counts = new long[BucketCount];
    private long _totalCount;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max;

    /// <summary>Values recorded.</summary>
    public long TotalCount => Volatile.Read(ref _totalCount);

    /// <summary>The smallest value recorded, 0 when empty.</summary>
    public long Min => TotalCount == 0 ? 0 : _min;

    /// <summary>The largest value recorded (exact, even beyond <see cref="HighestTrackableValue"/>).</summary>
    public long Max => _max;

    /// <summary>The mean of the values recorded (exact: the sum is kept), 0 when empty.</summary>
    public double Mean => TotalCount == 0 ? 0 : (double)_sum / TotalCount;

    /// <summary>Records one value; a negative value is a caller's bug and throws.</summary>
    public void Record(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        _counts[IndexOf(Math.Min(value, HighestTrackableValue))]++;
        _sum += value;
        if (value < _min) _min = value;
        if (value > _max) _max = value;
        Volatile.Write(ref _totalCount, _totalCount + 1);
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram (per-client histograms merged into one).</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        long added = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            long count = Volatile.Read(ref other._counts[i]);
            _counts[i] += count;
            added += count;
        }
        if (added == 0) return;
        _sum += other._sum;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
        _totalCount += added;
    }

    /// <summary>
    /// Bucket counts of this histogram minus those of <paramref name="earlier"/>, an earlier copy of the same
    /// recording: the values recorded in between (the last second of a run, for live progress). Min, max and
    /// mean of the difference are those of its buckets.
    /// </summary>
    public LatencyHistogram Since(LatencyHistogram earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var difference = new LatencyHistogram();
        for (int i = 0; i < BucketCount; i++)
        {
            long count = _counts[i] - earlier._counts[i];
            if (count <= 0) continue;
            long value = MiddleOf(i);
            difference._counts[i] = count;
            difference._totalCount += count;
            difference._sum += value * count;
            difference._min = Math.Min(difference._min, value);
            difference._max = Math.Max(difference._max, value);
        }
        return difference;
    }

    /// <summary>A copy of the current state.</summary>
    public LatencyHistogram Copy()
    {
        var copy = new LatencyHistogram();
        copy.Add(this);
        return copy;
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0–100): the smallest recorded value such that at least that
    /// share of values is at or below it (the nearest-rank definition), within 1 % relative error; 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (percentile is < 0 or > 100 || double.IsNaN(percentile))
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile lies between 0 and 100.");
        long total = TotalCount;
        if (total == 0) return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Math.Clamp(MiddleOf(i), Min, Max);
        }
        return Max;
    }

    /// <summary>The bucket of a value in [0, <see cref="HighestTrackableValue"/>].</summary>
    internal static int IndexOf(long value)
    {
        if (value < SubBucketCount) return (int)value;
        int magnitude = 63 - (int)long.LeadingZeroCount(value);       // value lies in [2^magnitude, 2^(magnitude+1))
        int shift = magnitude - SubBucketBits;                    // the sub-bucket width is 2^shift
        return SubBucketCount + shift * SubBucketCount + (int)((value >> shift) - SubBucketCount);
    }

    /// <summary>The smallest value of a bucket.</summary>
    internal static long LowestOf(int index)
    {
        if (index < SubBucketCount) return index;
        int shift = (index - SubBucketCount) / SubBucketCount;
        long sub = (index - SubBucketCount) % SubBucketCount + SubBucketCount;
        return sub << shift;
    }

    /// <summary>The middle of a bucket: what a percentile in it reports.</summary>
    internal static long MiddleOf(int index)
    {
        long lowest = LowestOf(index);
        long width = index < SubBucketCount ? 1 : 1L << ((index - SubBucketCount) / SubBucketCount);
        return lowest + (width - 1) / 2;
    }
}
