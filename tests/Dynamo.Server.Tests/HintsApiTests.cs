using System.Net;
using System.Text;
using Dynamo.Core.Partitioning;

namespace Dynamo.Server.Tests;

/// <summary>Sloppy quorum through the HTTP API: strict quorum properties and the hints section of /stats.</summary>
public sealed class HintsApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(nodeCount: 4, defaults: new(3, 2, 2, Protocol.ConflictMode.Siblings));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task Pw_and_pr_are_set_read_back_and_refused_beyond_n()
    {
        using var put = await Client.SendAsync(Api.Json(HttpMethod.Put, "/buckets/strict/props", "{\"pw\": 3, \"pr\": 2}"));
        using var tooMany = await Client.SendAsync(Api.Json(HttpMethod.Put, "/buckets/strict/props", "{\"pw\": 4}"));
        using var get = await Client.GetAsync("/buckets/strict/props");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var props = await Api.JsonOf(get);
        Assert.Equal((3, 2), (props.GetProperty("pw").GetInt32(), props.GetProperty("pr").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("pw must be between 0 and n (3), but was 4", await tooMany.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_write_this_node_holds_as_a_fallback_shows_in_the_hints_section_of_stats()
    {
        var (key, down) = KeyWithNodeAAsFallback();
        _server.Directory.SetReachable(down, false);

        await Client.PutOkAsync("b", key, "hinted");

        // w = 2 may be met by the primaries before the fallback's acknowledgement arrives.
        var hints = await HintsOnceStoredAsync();
        Assert.Equal(1, hints.GetProperty("stored").GetInt64());
        Assert.Equal(0, hints.GetProperty("delivered").GetInt64());
        Assert.Equal(1, hints.GetProperty("pendingTotal").GetInt64());
        Assert.Equal(1, hints.GetProperty("pending").GetProperty(down).GetInt64());
    }

    private async Task<System.Text.Json.JsonElement> HintsOnceStoredAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            using var response = await Client.GetAsync("/stats");
            var hints = (await Api.JsonOf(response)).GetProperty("hints");
            if (hints.GetProperty("stored").GetInt64() > 0 || DateTime.UtcNow > deadline)
                return hints;
            await Task.Delay(20);
        }
    }

    // A key node "a" does not own, whose last primary, once unreachable, has "a" stand in for it.
    private (string Key, string Down) KeyWithNodeAAsFallback()
    {
        var ring = _server.Ring;
        for (var i = 0; i < 1000; i++)
        {
            var key = $"k{i}";
            var partition = ring.PartitionOf(Encoding.UTF8.GetBytes("b"), Encoding.UTF8.GetBytes(key));
            var primaries = PreferenceList.ForPartition(ring, partition, 3).Entries;
            var down = primaries[^1].Node;
            var sloppy = PreferenceList.Sloppy(ring, partition, 3, n => n != down);
            if (primaries.All(e => e.Node != "a") && sloppy.Fallbacks.Any(e => e.Node == "a"))
                return (key, down);
        }
        throw new InvalidOperationException("no key has node a as a fallback");
    }
}
