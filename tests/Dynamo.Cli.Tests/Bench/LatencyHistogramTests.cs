using Dynamo.Cli.Bench;

namespace Dynamo.Cli.Tests.Bench;

/// <summary>The log-linear histogram: its 1 % error bound, percentiles against exact ones, and merging.</summary>
public sealed class LatencyHistogramTests
{
    /// <summary>Values spread over every magnitude a latency can have, from nanoseconds to minutes.</summary>
    private static long[] Values(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => (long)Math.Pow(2, random.NextDouble() * 36) + random.Next(0, 100))
            .ToArray();
    }

    [Fact]
    public void Every_value_is_reported_within_one_percent_of_itself()
    {
        foreach (var value in Values(seed: 1, count: 200_000).Append(0).Append(127).Append(128).Append(LatencyHistogram.HighestTrackableValue))
        {
            long reported = LatencyHistogram.MiddleOf(LatencyHistogram.IndexOf(value));

            Assert.True(Math.Abs(reported - value) <= value * 0.01, $"{value} is reported as {reported}");
        }
    }

    [Fact]
    public void Bucket_indexes_grow_with_values_and_each_bucket_starts_where_its_values_start()
    {
        var values = Values(seed: 2, count: 50_000).Order().ToArray();

        for (int i = 1; i < values.Length; i++)
        {
            int index = LatencyHistogram.IndexOf(values[i]);
            Assert.True(index >= LatencyHistogram.IndexOf(values[i - 1]));
            Assert.True(LatencyHistogram.LowestOf(index) <= values[i]);
            Assert.Equal(index, LatencyHistogram.IndexOf(LatencyHistogram.LowestOf(index)));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Percentiles_are_within_one_percent_of_the_exact_nearest_rank_of_a_sorted_array(int seed)
    {
        var values = Values(seed, count: 20_000);
        var histogram = new LatencyHistogram();
        foreach (var value in values) histogram.Record(value);
        var sorted = values.Order().ToArray();

        foreach (var percentile in new[] { 0.0, 1, 25, 50, 90, 95, 99, 99.9, 99.99, 100 })
        {
            long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * sorted.Length));
            long exact = sorted[rank - 1];
            long reported = histogram.ValueAtPercentile(percentile);
            Assert.True(Math.Abs(reported - exact) <= exact * 0.01, $"p{percentile}: exact {exact}, reported {reported}");
        }
        Assert.Equal(sorted.Length, histogram.TotalCount);
        Assert.Equal(sorted[0], histogram.Min);
        Assert.Equal(sorted[^1], histogram.Max);
        Assert.Equal(values.Average(v => (double)v), histogram.Mean, precision: 3);
    }

    [Fact]
    public void Merged_histograms_answer_as_one_histogram_of_all_their_values()
    {
        var parts = Enumerable.Range(10, 8).Select(seed => Values(seed, count: 5_000)).ToArray();
        var whole = new LatencyHistogram();
        var merged = new LatencyHistogram();
        foreach (var part in parts)
        {
            var client = new LatencyHistogram();
            foreach (var value in part)
            {
                client.Record(value);
                whole.Record(value);
            }
            merged.Add(client);
        }

        Assert.Equal(whole.TotalCount, merged.TotalCount);
        Assert.Equal(whole.Min, merged.Min);
        Assert.Equal(whole.Max, merged.Max);
        Assert.Equal(whole.Mean, merged.Mean, precision: 6);
        foreach (var percentile in new[] { 10.0, 50, 99, 99.9 })
            Assert.Equal(whole.ValueAtPercentile(percentile), merged.ValueAtPercentile(percentile));
    }

    [Fact]
    public void Since_holds_only_the_values_recorded_after_the_earlier_copy()
    {
        var histogram = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) histogram.Record(1_000);
        var earlier = histogram.Copy();
        for (int i = 0; i < 100; i++) histogram.Record(5_000_000);

        var second = histogram.Since(earlier);

        Assert.Equal(100, second.TotalCount);
        Assert.InRange(second.ValueAtPercentile(50), 4_950_000, 5_050_000);
    }

    [Fact]
    public void An_empty_histogram_reports_zeros_and_a_bad_percentile_is_refused()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.ValueAtPercentile(99));
        Assert.Equal(0, histogram.Min);
        Assert.Equal(0, histogram.Mean);
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.ValueAtPercentile(101));
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Record(-1));
    }

    [Fact]
    public void A_value_beyond_the_trackable_range_keeps_its_exact_maximum()
    {
        var histogram = new LatencyHistogram();
        long huge = LatencyHistogram.HighestTrackableValue * 4;

        histogram.Record(huge);

        Assert.Equal(huge, histogram.Max);
        Assert.Equal(huge, histogram.ValueAtPercentile(100));
    }
}
