using System.Net;
using Akka.Actor;
using Dynamo.Protocol;

namespace Dynamo.Server.Tests;

/// <summary>The object_buffer bucket property and the objectBuffer section of /stats over HTTP.</summary>
public sealed class ObjectBufferApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(nodeCount: 3, defaults: new(3, 2, 2, ConflictMode.Siblings));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task Object_buffer_is_off_by_default_and_a_put_of_the_props_turns_it_on_for_the_bucket_only()
    {
        using var before = await Client.GetAsync("/buckets/fast/props");
        using var put = await Client.SendAsync(Api.Json(HttpMethod.Put, "/buckets/fast/props", "{\"object_buffer\": true}"));
        using var after = await Client.GetAsync("/buckets/fast/props");
        using var other = await Client.GetAsync("/buckets/other/props");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False((await Api.JsonOf(before)).GetProperty("object_buffer").GetBoolean());
        var props = await Api.JsonOf(after);
        Assert.True(props.GetProperty("object_buffer").GetBoolean());
        Assert.Equal(2, props.GetProperty("w").GetInt32());
        Assert.False((await Api.JsonOf(other)).GetProperty("object_buffer").GetBoolean());
    }

    [Fact(Timeout = 30_000)]
    public async Task Stats_count_the_buffered_acknowledgements_this_node_gave_another_nodes_coordinator()
    {
        // An in-process node sets bucket properties on its own router only: set them on every node's.
        foreach (var node in _server.Ring.Members)
        {
            var props = new BucketProps { N = 3, R = 2, W = 2, ObjectBuffer = true };
            Assert.IsType<BucketPropsResult>(await _server.Directory.RouterOf(node)!.Ask(new SetBucketProps { Bucket = "fast", Props = props }, TimeSpan.FromSeconds(10)));
        }

        // Node b coordinates (three replicas on three nodes: a holds one), so a's replica is a buffered one.
        var reply = await _server.Directory.RouterOf("b")!.Ask(
            new Put { Bucket = "fast", Key = Google.Protobuf.ByteString.CopyFromUtf8("k"), Value = Google.Protobuf.ByteString.CopyFromUtf8("v"), W = 3 },
            TimeSpan.FromSeconds(10));
        using var response = await Client.GetAsync("/stats");

        Assert.IsType<PutResult>(reply);
        var section = (await Api.JsonOf(response)).GetProperty("objectBuffer");
        Assert.Equal(["bufferedAcks", "durableAcks", "failedAfterAck", "bufferReads"], section.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, section.GetProperty("bufferedAcks").GetInt64());
        Assert.Equal(0, section.GetProperty("failedAfterAck").GetInt64());
    }
}
