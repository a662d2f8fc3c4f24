using Dynamo.Server.Stats;

namespace Dynamo.Server.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_within_an_eighth_above_the_true_value()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        foreach (var (quantile, exact) in new[] { (0.5, 500.0), (0.95, 950.0), (0.99, 990.0) })
        {
            var reported = histogram.Percentile(quantile).TotalMilliseconds;
            Assert.InRange(reported, exact, exact * 1.125);
        }
        Assert.Equal(1000, histogram.Max.TotalMilliseconds);
        Assert.Equal(1000, histogram.Count);
    }

    [Fact]
    public void Small_latencies_are_exact_and_no_percentile_exceeds_the_max()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMicroseconds(3));
        histogram.Record(TimeSpan.FromMicroseconds(7));
        histogram.Record(TimeSpan.FromMicroseconds(1234));

        Assert.Equal(TimeSpan.FromMicroseconds(3), histogram.Percentile(0.3));
        Assert.Equal(TimeSpan.FromMicroseconds(7), histogram.Percentile(0.6));
        Assert.Equal(TimeSpan.FromMicroseconds(1234), histogram.Percentile(1.0));
    }

    [Fact]
    public void An_empty_histogram_reports_zero_and_huge_latencies_land_in_the_last_bucket()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(TimeSpan.Zero, histogram.Percentile(0.99));

        histogram.Record(TimeSpan.FromDays(400));
        Assert.Equal(TimeSpan.FromDays(400), histogram.Max);
        Assert.True(histogram.Percentile(0.5) > TimeSpan.FromDays(10));
    }

    [Fact(Timeout = 30_000)]
    public async Task Concurrent_recordings_are_all_counted()
    {
        var histogram = new LatencyHistogram();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++) histogram.Record(TimeSpan.FromMicroseconds(i));
        })));

        Assert.Equal(40_000, histogram.Count);
        Assert.Equal(TimeSpan.FromMicroseconds(9_999), histogram.Max);
    }
}
