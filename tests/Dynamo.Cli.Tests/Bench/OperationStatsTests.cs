using Dynamo.Cli.Bench;

namespace Dynamo.Cli.Tests.Bench;

/// <summary>
/// The report's figures from recorded latencies: percentiles against the exact ones of the same values, merging the
/// clients' recorders, and the last second that live progress shows.
/// </summary>
public sealed class OperationStatsTests
{
    /// <summary>Latencies in nanoseconds spread over every magnitude a request can take, from 0.1 ms to about a minute.</summary>
    private static long[] Values(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => (long)Math.Pow(2, 17 + random.NextDouble() * 19) + random.Next(0, 100))
            .ToArray();
    }

    private static OperationRecorder Recorded(IEnumerable<long> values)
    {
        var recorder = new OperationRecorder();
        foreach (var value in values) recorder.Success(BenchOperation.Read, value, finishedAt: 0);
        return recorder;
    }

    private static void AssertWithinOnePercent(double exact, double reported, string what) =>
        Assert.True(Math.Abs(reported - exact) <= exact * 0.01, $"{what}: exact {exact}, reported {reported}");

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void The_reported_percentiles_are_within_one_percent_of_the_exact_nearest_rank_of_the_values(int seed)
    {
        var values = Values(seed, count: 20_000);

        var stats = OperationStats.Of("read", Recorded(values).Latencies(BenchOperation.Read), errors: 3, seconds: 2);

        var sorted = values.Order().ToArray();
        double Exact(double percentile) => sorted[Math.Max(1, (long)Math.Ceiling(percentile / 100 * sorted.Length)) - 1] / 1e6;
        Assert.Equal(20_000, stats.Count);
        Assert.Equal(10_000, stats.OpsPerSecond);
        Assert.Equal(3, stats.Errors);
        AssertWithinOnePercent(Exact(50), stats.P50Ms, "p50");
        AssertWithinOnePercent(Exact(95), stats.P95Ms, "p95");
        AssertWithinOnePercent(Exact(99), stats.P99Ms, "p99");
        AssertWithinOnePercent(Exact(99.9), stats.P999Ms, "p99.9");
        AssertWithinOnePercent(sorted[^1] / 1e6, stats.MaxMs, "max");
        AssertWithinOnePercent(values.Average() / 1e6, stats.MeanMs, "mean");
    }

    [Fact]
    public void The_clients_recorders_merged_report_as_one_recorder_of_all_their_values()
    {
        var parts = Enumerable.Range(10, 8).Select(seed => Values(seed, count: 5_000)).ToArray();
        var merged = OperationRecorder.NewHistogram();
        foreach (var part in parts) merged.Add(Recorded(part).Latencies(BenchOperation.Read));

        var whole = OperationStats.Of("read", Recorded(parts.SelectMany(p => p)).Latencies(BenchOperation.Read), 0, 1);

        Assert.Equal(whole, OperationStats.Of("read", merged, 0, 1));
    }

    [Fact]
    public void Recent_latencies_are_those_since_the_previous_take_and_all_of_them_still_count_in_the_totals()
    {
        var recorder = new OperationRecorder();
        for (int i = 0; i < 1000; i++) recorder.Success(BenchOperation.Read, 1_000_000, finishedAt: 0);
        recorder.TakeRecent(OperationRecorder.NewHistogram());
        for (int i = 0; i < 100; i++) recorder.Success(BenchOperation.Update, 5_000_000, finishedAt: 0);

        var second = OperationRecorder.NewHistogram();
        recorder.TakeRecent(second);

        Assert.Equal(100, second.TotalCount);
        Assert.InRange(second.GetValueAtPercentile(50), 5_000_000, 5_050_000);
        Assert.Equal(1000, recorder.Latencies(BenchOperation.Read).TotalCount);
        Assert.Equal(100, recorder.Latencies(BenchOperation.Update).TotalCount);
        Assert.Equal(0, recorder.Latencies(BenchOperation.Insert).TotalCount);
    }

    [Fact]
    public void Nothing_recorded_reports_zeros_and_a_negative_latency_is_refused()
    {
        var recorder = new OperationRecorder();

        var stats = OperationStats.Of("insert", recorder.Latencies(BenchOperation.Insert), errors: 0, seconds: 1);

        Assert.Equal(new OperationStats("insert", 0, 0, 0, 0, 0, 0, 0, 0, 0), stats);
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Success(BenchOperation.Insert, -1, finishedAt: 0));
    }

    [Fact]
    public void A_latency_beyond_the_trackable_range_is_counted_at_its_end()
    {
        var recorder = Recorded([OperationRecorder.HighestTrackableValue * 4]);

        var stats = OperationStats.Of("read", recorder.Latencies(BenchOperation.Read), 0, 1);

        Assert.Equal(1, stats.Count);
        AssertWithinOnePercent(OperationRecorder.HighestTrackableValue / 1e6, stats.MaxMs, "max");
    }
}
