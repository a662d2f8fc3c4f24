using System.Net;
using System.Text.Json;

namespace Dynamo.Server.Tests;

/// <summary>GET /metrics: the node's instruments in Prometheus text, the same numbers /stats shows.</summary>
public sealed class MetricsApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task Metrics_serves_prometheus_text_whose_request_counts_rise_with_a_put_and_a_get()
    {
        var before = await ScrapeAsync();

        await Client.PutOkAsync("m", "k", "v");
        (await Client.GetAsync("/buckets/m/keys/k")).Dispose();
        var after = await ScrapeAsync();

        Assert.Contains("# TYPE dynamo_requests_total counter", after);
        Assert.Equal(1, Coordinated(after, "put", "ok") - Coordinated(before, "put", "ok"));
        Assert.Equal(1, Coordinated(after, "get", "ok") - Coordinated(before, "get", "ok"));
        Assert.Equal(1, Http(after, "put", "204") - Http(before, "put", "204"));
        Assert.Equal(1, Http(after, "get", "200") - Http(before, "get", "200"));
        // Both layers time their requests in seconds, in the histograms' buckets.
        Assert.True(PrometheusText.Sum(after, "dynamo_request_duration_seconds_count", ("dynamo_operation", "put")) >= 1);
        Assert.True(PrometheusText.Sum(after, "dynamo_http_request_duration_seconds_count", ("dynamo_operation", "get")) >= 1);
        Assert.True(PrometheusText.Sum(after, "dynamo_journal_writes_total", ("dynamo_node", "a")) >= 1);
    }

    [Fact(Timeout = 30_000)]
    public async Task Stats_and_metrics_agree_on_the_request_counts()
    {
        await Client.PutOkAsync("m", "k1", "v");
        await Client.PutOkAsync("m", "k2", "v");
        (await Client.GetAsync("/buckets/m/keys/k1")).Dispose();
        (await Client.GetAsync("/buckets/m/keys/absent")).Dispose();

        using var response = await Client.GetAsync("/stats");
        var stats = await Api.JsonOf(response);
        var metrics = await ScrapeAsync();

        var coordinated = stats.GetProperty("coordinated");
        Assert.Equal(2, coordinated.GetProperty("put").GetProperty("ok").GetInt64());
        Assert.Equal(1, coordinated.GetProperty("get").GetProperty("not_found").GetInt64());
        foreach (var (operation, outcomes) in Sections(coordinated))
            foreach (var (outcome, count) in outcomes)
                Assert.Equal(count, Coordinated(metrics, operation, outcome));
        var requests = stats.GetProperty("requests");
        Assert.Equal(2, requests.GetProperty("put").GetProperty("204").GetInt64());
        foreach (var (operation, statuses) in Sections(requests).Where(s => s.Key is "put" or "get"))
            foreach (var (status, count) in statuses)
                Assert.Equal(count, Http(metrics, operation, status));
        Assert.Equal(2, stats.GetProperty("latency").GetProperty("get").GetProperty("count").GetInt64());
        Assert.True(stats.GetProperty("latency").GetProperty("get").GetProperty("p999Ms").GetDouble() > 0);
    }

    [Fact(Timeout = 30_000)]
    public async Task Metrics_carry_the_process_costs_a_benchmark_divides_by_its_operations()
    {
        await Client.PutOkAsync("m", "k", "v");

        var metrics = await ScrapeAsync();

        // The runtime's meter gives CPU and allocations; the node adds the context switches of all its threads.
        Assert.True(PrometheusText.Sum(metrics, "dotnet_process_cpu_time_seconds_total") > 0);
        Assert.True(PrometheusText.Sum(metrics, "dotnet_gc_heap_total_allocated_bytes_total") > 0);
        Assert.True(PrometheusText.Sum(metrics, "dynamo_process_context_switches_total", ("kind", "voluntary")) > 0);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_node_exports_its_own_meters_and_not_those_of_other_nodes_in_the_process()
    {
        await using var other = await TestServer.StartAsync();
        await other.Client.PutOkAsync("m", "elsewhere", "v");
        await Client.PutOkAsync("m", "here", "v");

        var metrics = await ScrapeAsync();

        // Both nodes are called "a" and count one put each: a scrape that took in the other's meters would show two.
        Assert.Equal(1, Coordinated(metrics, "put", "ok"));
        Assert.Equal(1, Http(metrics, "put", "204"));
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Coordinated(string metrics, string operation, string outcome) =>
        PrometheusText.Sum(metrics, "dynamo_requests_total", ("dynamo_node", "a"), ("dynamo_operation", operation), ("dynamo_outcome", outcome));

    private static double Http(string metrics, string operation, string status) =>
        PrometheusText.Sum(metrics, "dynamo_http_requests_total", ("dynamo_node", "a"), ("dynamo_operation", operation), ("http_response_status_code", status));

    private static IEnumerable<KeyValuePair<string, IEnumerable<(string, long)>>> Sections(JsonElement section) =>
        section.EnumerateObject().Select(o => new KeyValuePair<string, IEnumerable<(string, long)>>(
            o.Name, o.Value.EnumerateObject().Select(c => (c.Name, c.Value.GetInt64())).ToList()));
}
