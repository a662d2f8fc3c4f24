using System.Diagnostics.Metrics;
using Dynamo.Server.Stats;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Server.Tests;

/// <summary>The HTTP requests' counts and HdrHistogram percentiles behind /stats.</summary>
public sealed class RequestStatsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Percentiles_are_within_one_percent_of_the_recorded_values_and_never_above_the_max()
    {
        var stats = NewStats();
        for (var ms = 1; ms <= 1000; ms++) stats.Record("get", 200, TimeSpan.FromMilliseconds(ms));

        var get = stats.Latencies()["get"];

        Assert.Equal(1000, get.Count);
        foreach (var (reported, exact) in new[] { (get.P50Ms, 500.0), (get.P95Ms, 950.0), (get.P99Ms, 990.0), (get.P999Ms, 999.0), (get.MaxMs, 1000.0) })
            Assert.InRange(reported, exact, exact * 1.01);
        Assert.True(get.P999Ms <= get.MaxMs);
    }

    [Fact]
    public void Counts_are_per_operation_and_status_and_a_later_read_sees_later_requests()
    {
        var stats = NewStats();
        stats.Record("put", 204, TimeSpan.FromMilliseconds(2));
        Assert.Equal(1, stats.Latencies()["put"].Count);

        stats.Record("put", 204, TimeSpan.FromMilliseconds(3));
        stats.Record("put", 503, TimeSpan.FromSeconds(1));

        Assert.Equal(2, stats.Counts()["put"]["204"]);
        Assert.Equal(1, stats.Counts()["put"]["503"]);
        var put = stats.Latencies()["put"];
        Assert.Equal(3, put.Count);
        Assert.InRange(put.MaxMs, 1000, 1010);
    }

    [Fact]
    public void A_latency_beyond_an_hour_is_counted_as_an_hour()
    {
        var stats = NewStats();

        stats.Record("get", 200, TimeSpan.FromDays(400));

        Assert.InRange(stats.Latencies()["get"].MaxMs, 3_600_000, 3_600_000 * 1.01);
    }

    [Fact(Timeout = 30_000)]
    public async Task Concurrent_recordings_are_all_counted_while_another_thread_reads()
    {
        var stats = NewStats();
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested) _ = stats.Latencies();
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++) stats.Record("get", 200, TimeSpan.FromMicroseconds(i));
        })));
        await done.CancelAsync();
        await reader;

        Assert.Equal(40_000, stats.Counts()["get"]["200"]);
        Assert.Equal(40_000, stats.Latencies()["get"].Count);
    }

    private RequestStats NewStats() => new(new GatedNode(), _services.GetRequiredService<IMeterFactory>());
}
