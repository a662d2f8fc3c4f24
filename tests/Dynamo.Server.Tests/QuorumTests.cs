using System.Net;
using Dynamo.Server.Http;

namespace Dynamo.Server.Tests;

/// <summary>Writes that cannot gather their quorum are 503 and say whether they may have been stored.</summary>
public sealed class QuorumTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_write_needing_more_replicas_than_the_store_has_is_503_and_not_stored()
    {
        await using var server = await TestServer.StartAsync(nodeCount: 1);
        using (var props = await server.Client.SendAsync(Api.Json(HttpMethod.Put, "/buckets/safe/props", "{\"n\": 3, \"r\": 2, \"w\": 2}")))
        {
            Assert.Equal(HttpStatusCode.OK, props.StatusCode);
        }

        using var response = await server.Client.SendAsync(Api.Put("safe", "k", "v"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await Api.JsonOf(response);
        Assert.Equal(0, error.GetProperty("answered").GetInt32());
        Assert.Equal(2, error.GetProperty("needed").GetInt32());
        Assert.False(error.GetProperty("outcomeUnknown").GetBoolean());
        Assert.Contains("quorum not met: 0 of 2", error.GetProperty("error").GetString());
        await server.Client.AssertServesAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_write_whose_other_replica_is_unreachable_is_503_with_an_unknown_outcome()
    {
        await using var server = await TestServer.StartAsync(nodeCount: 2);
        using (var props = await server.Client.SendAsync(Api.Json(HttpMethod.Put, "/buckets/pair/props", "{\"n\": 2, \"r\": 1, \"w\": 2}")))
        {
            Assert.Equal(HttpStatusCode.OK, props.StatusCode);
        }
        var key = server.KeyFirstOn("a", "pair");
        server.Directory.Unregister("b");

        using var response = await server.Client.SendAsync(Api.Put("pair", key, "maybe"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await Api.JsonOf(response);
        Assert.Equal(1, error.GetProperty("answered").GetInt32());
        Assert.Equal(2, error.GetProperty("needed").GetInt32());
        Assert.True(error.GetProperty("outcomeUnknown").GetBoolean());
        Assert.Contains(KvReplies.UnknownOutcome, error.GetProperty("error").GetString());
        Assert.DoesNotContain("not stored", error.GetProperty("error").GetString());
        // Indeed stored on the coordinator's replica: a read of one replica sees it.
        Assert.Equal("maybe", await server.Client.GetStringAsync($"/buckets/pair/keys/{key}?r=1"));
    }
}
