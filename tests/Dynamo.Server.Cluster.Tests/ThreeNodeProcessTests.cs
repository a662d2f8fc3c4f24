using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dynamo.TestSupport;
using Dynamo.Testing;

namespace Dynamo.Server.Cluster.Tests;

/// <summary>
/// Three node processes started the way an operator starts them (same seed, own ports, SQLite), driven
/// only through their HTTP APIs, and killed with SIGKILL.
/// </summary>
public sealed class ThreeNodeProcessTests : IDisposable
{
    private const string ContextHeader = "X-Dynamo-Context";
    // Every node recovers its vnodes from its journal before its ring counts as installed: slower on a loaded machine.
    private static readonly TimeSpan FormationTimeout = TimeFactor.Dilated(TimeSpan.FromSeconds(40));

    private readonly List<ServerProcess> _nodes = [];

    [Fact]
    public async Task Three_processes_form_a_cluster_serve_quorum_requests_and_fail_clearly_below_quorum()
    {
        using var overall = new CancellationTokenSource(TimeFactor.Dilated(TimeSpan.FromSeconds(85)));
        var seedPort = FreePorts.One();
        _nodes.Add(ServerProcess.Start(seedPort, seedPort));
        _nodes.Add(ServerProcess.Start(FreePorts.One(), seedPort));
        _nodes.Add(ServerProcess.Start(FreePorts.One(), seedPort));
        await AwaitClusterAsync(overall.Token);

        // Every member's view links to every member's HTTP API.
        var view = await GetJsonAsync(_nodes[1], "/cluster", overall.Token);
        var endpoints = view.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("httpEndpoint").GetString()).Order().ToArray();
        Assert.Equal(_nodes.Select(n => $"http://127.0.0.1:{n.HttpPort}").Order(), endpoints);

        // Bucket properties set through one node reach the others' routers.
        using (var props = await SendAsync(_nodes[0], Json(HttpMethod.Put, "/buckets/strict/props", """{"r": 3}"""), overall.Token))
            Assert.Equal(HttpStatusCode.OK, props.StatusCode);
        await AwaitAsync(async () => (await GetJsonAsync(_nodes[2], "/buckets/strict/props", overall.Token)).GetProperty("r").GetInt32() == 3,
            "bucket properties set on one node to reach another", overall.Token);

        // Operator calls name members by address.
        using (var unknown = await SendAsync(_nodes[0], Json(HttpMethod.Post, "/cluster/down", """{"address": "akka.tcp://dynamo@127.0.0.1:1"}"""), overall.Token))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // A write through one node is read from every node.
        using (var put = await SendAsync(_nodes[0], Put("k", "v1", query: "?w=3"), overall.Token))
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        foreach (var node in _nodes)
        {
            using var get = await node.Http.GetAsync("/buckets/b/keys/k?r=3", overall.Token);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal("v1", await get.Content.ReadAsStringAsync(overall.Token));
        }

        // Two writes descending from the same version are siblings, seen on a third node; a write
        // with the context of both resolves them.
        var first = await PutAsync(_nodes[0], "c", "v0", null, overall.Token);
        await PutAsync(_nodes[1], "c", "left", first, overall.Token);
        await PutAsync(_nodes[0], "c", "right", first, overall.Token);
        string merged;
        using (var conflicted = await _nodes[2].Http.GetAsync("/buckets/b/keys/c?r=3", overall.Token))
        {
            Assert.Equal(HttpStatusCode.MultipleChoices, conflicted.StatusCode);
            var body = JsonDocument.Parse(await conflicted.Content.ReadAsStringAsync(overall.Token)).RootElement;
            var siblings = body.GetProperty("siblings").EnumerateArray()
                .Select(s => Encoding.UTF8.GetString(s.GetProperty("value").GetBytesFromBase64())).Order().ToArray();
            Assert.Equal(["left", "right"], siblings);
            merged = body.GetProperty("context").GetString()!;
        }
        await PutAsync(_nodes[2], "c", "merged", merged, overall.Token);
        using (var resolved = await _nodes[1].Http.GetAsync("/buckets/b/keys/c?r=3", overall.Token))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
            Assert.Equal("merged", await resolved.Content.ReadAsStringAsync(overall.Token));
        }

        // A key whose three replicas are on three nodes: a ring of 3 nodes has windows where one node holds two.
        var lonely = await KeyOnThreeNodesAsync(_nodes[0], overall.Token);

        // One node dies: with N=3, two replicas of every key are left, enough for W=2 and R=2.
        _nodes[2].Kill();
        for (var i = 0; i < 4; i++)
        {
            using (var put = await SendAsync(_nodes[i % 2], Put($"after-{i}", $"v{i}", query: "?w=2"), overall.Token))
                Assert.True(put.StatusCode == HttpStatusCode.NoContent, $"put after-{i}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync(overall.Token)}");
            using var get = await _nodes[(i + 1) % 2].Http.GetAsync($"/buckets/b/keys/after-{i}?r=2", overall.Token);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal($"v{i}", await get.Content.ReadAsStringAsync(overall.Token));
        }
        using (var before = await _nodes[1].Http.GetAsync("/buckets/b/keys/k?r=2", overall.Token))
            Assert.Equal("v1", await before.Content.ReadAsStringAsync(overall.Token));

        // A second dies: one replica cannot make a write quorum of two.
        _nodes[1].Kill();
        using var refused = await SendAsync(_nodes[0], Put(lonely, "v", query: "?w=2"), overall.Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(overall.Token)).RootElement;
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
    }

    /// <summary>A key of bucket <c>b</c> whose three replicas have three different owners.</summary>
    private static async Task<string> KeyOnThreeNodesAsync(ServerProcess node, CancellationToken ct)
    {
        var owners = (await GetJsonAsync(node, "/ring", ct)).GetProperty("partitions").EnumerateArray()
            .Select(p => p.GetProperty("owner").GetString()!).ToArray();
        return SpreadKeys.OnDistinctNodes(owners, "b", "lonely", 3);
    }

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
    }

    /// <summary>Waits until every node sees three Up members and routes by the same three-member ring.</summary>
    private async Task AwaitClusterAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + FormationTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (_nodes.FirstOrDefault(n => n.HasExited) is { } dead)
                throw new Xunit.Sdk.XunitException($"node {dead.NodeId} exited:\n{dead.Output()}");
            try
            {
                var ready = true;
                string? owners = null;
                foreach (var node in _nodes)
                {
                    var cluster = await GetJsonAsync(node, "/cluster", ct);
                    var up = cluster.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Up");
                    var ring = await GetJsonAsync(node, "/ring", ct);
                    var ringOwners = string.Join(",", ring.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("owner").GetString()));
                    last = $"{node.NodeId}: {up} Up, ring [{ringOwners}]";
                    ready &= up == 3 && ringOwners.Split(',').Distinct().Count() == 3 && (owners is null || owners == ringOwners);
                    owners = ringOwners;
                }
                if (ready) return;
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"the three nodes did not form a cluster within {FormationTimeout.TotalSeconds} s; last: {last}\n"
            + string.Join("\n---\n", _nodes.Select(n => n.Output())));
    }

    private static async Task AwaitAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited 10 s for {what}");
            await Task.Delay(100, ct);
        }
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static async Task<JsonElement> GetJsonAsync(ServerProcess node, string path, CancellationToken ct)
    {
        using var response = await node.Http.GetAsync(path, ct);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone();
    }

    private static HttpRequestMessage Put(string key, string value, string? context = null, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/buckets/b/keys/{key}{query}") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(value)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        if (context is not null) request.Headers.TryAddWithoutValidation(ContextHeader, context);
        return request;
    }

    private static async Task<HttpResponseMessage> SendAsync(ServerProcess node, HttpRequestMessage request, CancellationToken ct)
    {
        using (request) return await node.Http.SendAsync(request, ct);
    }

    /// <summary>A put with W=3 answered 204; returns the new version's context.</summary>
    private static async Task<string> PutAsync(ServerProcess node, string key, string value, string? context, CancellationToken ct)
    {
        using var response = await SendAsync(node, Put(key, value, context, "?w=3"), ct);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"put {key}={value} on {node.NodeId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return response.Headers.GetValues(ContextHeader).Single();
    }
}
