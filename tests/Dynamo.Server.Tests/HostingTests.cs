using System.Net;
using Dynamo.Protocol;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;

namespace Dynamo.Server.Tests;

/// <summary>How the server behaves around the node: stopping with requests in flight, and a node that does not answer.</summary>
public sealed class HostingTests
{
    [Fact(Timeout = 30_000)]
    public async Task Stopping_the_server_lets_an_in_flight_request_finish()
    {
        var node = new GatedNode();
        await using var server = await TestServer.ServeAsync(node, new HttpSettings { ShutdownTimeout = TimeSpan.FromSeconds(20) });
        var inFlight = server.Client.SendAsync(Api.Put("b", "k", "v"));
        Assert.IsType<Put>(await node.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(20)));

        var stopping = server.App.StopAsync();
        Assert.False(stopping.IsCompleted);
        node.Open();

        using var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(CausalContextHeader.Encode(Google.Protobuf.ByteString.CopyFromUtf8("ctx")), Api.ContextOf(response));
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_write_the_node_does_not_answer_is_503_with_an_unknown_outcome()
    {
        await using var server = await TestServer.ServeAsync(new GatedNode(timesOut: true));

        using var response = await server.Client.SendAsync(Api.Put("b", "k", "v"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await Api.JsonOf(response);
        Assert.True(error.GetProperty("outcomeUnknown").GetBoolean());
        Assert.Contains(KvReplies.UnknownOutcome, error.GetProperty("error").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_read_the_node_does_not_answer_is_503_without_an_unknown_outcome()
    {
        await using var server = await TestServer.ServeAsync(new GatedNode(timesOut: true));

        using var response = await server.Client.GetAsync("/buckets/b/keys/k");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await Api.JsonOf(response);
        Assert.False(error.GetProperty("outcomeUnknown").GetBoolean());
        Assert.DoesNotContain("unknown outcome", error.GetProperty("error").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Health_is_503_when_the_router_does_not_answer()
    {
        await using var server = await TestServer.ServeAsync(new GatedNode(timesOut: true));

        using var response = await server.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("failing", (await Api.JsonOf(response)).GetProperty("status").GetString());
    }
}
