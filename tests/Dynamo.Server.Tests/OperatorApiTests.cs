using System.Net;

namespace Dynamo.Server.Tests;

/// <summary>The shapes of /cluster, /ring, /stats and /health, and the operator calls.</summary>
public sealed class OperatorApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(nodeCount: 2, defaults: new(2, 1, 1, Protocol.ConflictMode.Siblings));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task Cluster_lists_every_member_with_status_reachability_endpoint_and_partitions()
    {
        using var response = await Client.GetAsync("/cluster");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cluster = await Api.JsonOf(response);
        Assert.Equal("a", cluster.GetProperty("self").GetString());
        Assert.Equal("a", cluster.GetProperty("leader").GetString());
        var members = cluster.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["a", "b"], members.Select(m => m.GetProperty("address").GetString()));
        Assert.All(members, m => Assert.Equal("Up", m.GetProperty("status").GetString()));
        Assert.All(members, m => Assert.True(m.GetProperty("reachable").GetBoolean()));
        Assert.Equal(16, members.Sum(m => m.GetProperty("partitions").GetInt32()));
        Assert.Equal(Client.BaseAddress!.ToString().TrimEnd('/'), members[0].GetProperty("httpEndpoint").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Ring_names_the_owner_of_every_partition()
    {
        using var response = await Client.GetAsync("/ring");

        var ring = await Api.JsonOf(response);
        Assert.Equal(16, ring.GetProperty("partitionCount").GetInt32());
        var partitions = ring.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 16), partitions.Select(p => p.GetProperty("partition").GetInt32()));
        Assert.Equal(_server.Ring.Owners, partitions.Select(p => p.GetProperty("owner").GetString()!));
    }

    [Fact(Timeout = 30_000)]
    public async Task Stats_count_requests_per_operation_and_status_with_latency_percentiles()
    {
        // w=2: both replicas hold the keys before the reads, so no read can find one stale (w=1 would leave
        // the second replica's write racing the read, and a repair counted).
        foreach (var key in new[] { "k", "k2" })
        {
            using var written = await Client.SendAsync(Api.Put("b", key, "v", query: "?w=2"));
            Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        }
        (await Client.GetAsync("/buckets/b/keys/k")).Dispose();
        (await Client.GetAsync("/buckets/b/keys/missing")).Dispose();

        using var response = await Client.GetAsync("/stats");

        var stats = await Api.JsonOf(response);
        var requests = stats.GetProperty("requests");
        Assert.Equal(2, requests.GetProperty("put").GetProperty("204").GetInt64());
        Assert.Equal(1, requests.GetProperty("get").GetProperty("200").GetInt64());
        Assert.Equal(1, requests.GetProperty("get").GetProperty("404").GetInt64());
        var put = stats.GetProperty("latency").GetProperty("put");
        Assert.Equal(2, put.GetProperty("count").GetInt64());
        var p50 = put.GetProperty("p50Ms").GetDouble();
        var p95 = put.GetProperty("p95Ms").GetDouble();
        var p99 = put.GetProperty("p99Ms").GetDouble();
        var max = put.GetProperty("maxMs").GetDouble();
        Assert.True(p50 > 0 && p50 <= p95 && p95 <= p99 && p99 <= max, $"p50 {p50}, p95 {p95}, p99 {p99}, max {max}");
        Assert.Equal("a", stats.GetProperty("node").GetProperty("nodeId").GetString());
        Assert.Equal("memory", stats.GetProperty("node").GetProperty("storagePlugin").GetString());
        // Every replica holds every key: nothing is stale, so the section is there with nothing counted.
        var readRepair = stats.GetProperty("readRepair");
        Assert.Equal((0, 0, 0), (readRepair.GetProperty("stale").GetInt64(), readRepair.GetProperty("missing").GetInt64(), readRepair.GetProperty("total").GetInt64()));
        // Nothing diverged, so whatever exchanges ran repaired nothing.
        var antiEntropy = stats.GetProperty("antiEntropy");
        Assert.Equal(0, antiEntropy.GetProperty("keysRepaired").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Object, antiEntropy.GetProperty("lastExchangeAgeSeconds").ValueKind);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cluster_lists_transfers_and_stats_has_a_handoff_section()
    {
        using var clusterResponse = await Client.GetAsync("/cluster");
        var cluster = await Api.JsonOf(clusterResponse);
        Assert.Equal(0, cluster.GetProperty("transfers").GetArrayLength());

        using var statsResponse = await Client.GetAsync("/stats");
        var handoff = (await Api.JsonOf(statsResponse)).GetProperty("handoff");
        Assert.Equal(0, handoff.GetProperty("active").GetInt32());
        Assert.Equal(0, handoff.GetProperty("completed").GetInt32());
        Assert.Equal(0, handoff.GetProperty("refused").GetInt32());
        Assert.Equal(0, handoff.GetProperty("objectsSent").GetInt64());
    }

    [Fact(Timeout = 30_000)]
    public async Task Health_is_ok_while_the_router_answers()
    {
        using var response = await Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await Api.JsonOf(response);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("a", health.GetProperty("node").GetString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("/cluster/down", "b", HttpStatusCode.NotImplemented)]
    [InlineData("/cluster/leave", "b", HttpStatusCode.NotImplemented)]
    [InlineData("/cluster/join", "akka.tcp://dynamo@10.0.0.9:4053", HttpStatusCode.NotImplemented)]
    [InlineData("/cluster/down", "nobody", HttpStatusCode.NotFound)]
    public async Task Operator_calls_on_fixed_members_are_refused_with_a_reason(string path, string address, HttpStatusCode expected)
    {
        using var response = await Client.SendAsync(Api.Json(HttpMethod.Post, path, $"{{\"address\": \"{address}\"}}"));

        Assert.Equal(expected, response.StatusCode);
        var body = await Api.JsonOf(response);
        Assert.Contains(address, body.GetProperty("error").GetString());
        Assert.Equal(address, body.GetProperty("address").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Down_unreachable_on_fixed_members_is_not_supported_and_downs_nobody()
    {
        using var response = await Client.PostAsync("/cluster/down-unreachable", null);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        var body = await Api.JsonOf(response);
        Assert.Contains("fixed members", body.GetProperty("error").GetString());
        Assert.Equal(0, body.GetProperty("downed").GetArrayLength());
    }

    [Fact(Timeout = 30_000)]
    public async Task Fixed_members_run_no_shard_region_so_shard_stats_of_vnode_is_404()
    {
        using var regions = await Client.GetAsync("/cluster/sharding/regions");
        using var stats = await Client.GetAsync("/cluster/sharding/vnode/shard-stats");

        Assert.Equal(HttpStatusCode.OK, regions.StatusCode);
        var body = await Api.JsonOf(regions);
        Assert.Equal("a", body.GetProperty("node").GetString());
        Assert.Equal(0, body.GetProperty("types").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, stats.StatusCode);
        var error = await Api.JsonOf(stats);
        Assert.Contains("not sharded", error.GetProperty("error").GetString());
        Assert.Equal("vnode", error.GetProperty("typeName").GetString());
    }
}
