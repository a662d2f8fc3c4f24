using System.Text;

namespace Dynamo.Client.Tests;

/// <summary>Both transports against one real node: results, contexts, siblings, deletes and failures look the same.</summary>
public sealed class ClientTests(OneNode node) : IClassFixture<OneNode>
{
    private const string Bucket = "client";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(DynamoSibling sibling) => Encoding.UTF8.GetString(sibling.Value.Span);

    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Theory]
    [InlineData("http")]
    [InlineData("actor")]
    public async Task A_put_is_read_back_with_its_content_type_and_the_context_of_the_write(string transport)
    {
        var client = node.Client(transport);
        var key = "round-trip-" + transport;

        var written = await client.PutAsync(Bucket, key, Bytes("hello"), "text/plain", ct: Bounded());
        var read = await client.GetAsync(Bucket, key, ct: Bounded());

        Assert.True(read.Found);
        var sibling = Assert.Single(read.Siblings);
        Assert.Equal("hello", Text(sibling));
        Assert.StartsWith("text/plain", sibling.ContentType);
        Assert.False(written.IsEmpty);
        Assert.Equal(written, read.Context);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("actor")]
    public async Task A_key_never_written_is_not_found(string transport)
    {
        var read = await node.Client(transport).GetAsync(Bucket, "never-written-" + transport, ct: Bounded());

        Assert.True(read.NotFound);
        Assert.Empty(read.Siblings);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("actor")]
    public async Task Two_puts_with_the_same_context_become_siblings_that_a_put_with_the_merged_context_resolves(string transport)
    {
        var client = node.Client(transport);
        var key = "siblings-" + transport;
        var first = await client.PutAsync(Bucket, key, Bytes("v0"), "text/plain", ct: Bounded());

        await client.PutAsync(Bucket, key, Bytes("left"), "text/plain", first, ct: Bounded());
        await client.PutAsync(Bucket, key, Bytes("right"), "text/plain", first, ct: Bounded());
        var conflicted = await client.GetAsync(Bucket, key, ct: Bounded());

        Assert.True(conflicted.HasSiblings);
        Assert.Equal(["left", "right"], conflicted.Siblings.Select(Text).Order());

        await client.PutAsync(Bucket, key, Bytes("merged"), "text/plain", conflicted.Context, ct: Bounded());
        var resolved = await client.GetAsync(Bucket, key, ct: Bounded());
        Assert.Equal("merged", Text(Assert.Single(resolved.Siblings)));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("actor")]
    public async Task A_delete_with_the_read_context_leaves_a_deleted_key_with_a_context(string transport)
    {
        var client = node.Client(transport);
        var key = "delete-" + transport;
        var written = await client.PutAsync(Bucket, key, Bytes("doomed"), "text/plain", ct: Bounded());

        var tombstone = await client.DeleteAsync(Bucket, key, written, ct: Bounded());
        var read = await client.GetAsync(Bucket, key, ct: Bounded());

        Assert.True(read.Deleted);
        Assert.Empty(read.Siblings);
        Assert.False(read.Context.IsEmpty);
        Assert.Equal(tombstone, read.Context);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("actor")]
    public async Task A_write_quorum_beyond_the_replicas_of_one_node_is_a_quorum_exception_and_stores_nothing(string transport)
    {
        var client = node.Client(transport);
        var bucket = "two-replicas-" + transport;
        await client.SetBucketPropsAsync(bucket, new DynamoBucketProps(2, 1, 1, DynamoConflictMode.Siblings), Bounded());

        var failure = await Assert.ThrowsAsync<DynamoQuorumException>(
            () => client.PutAsync(bucket, "k", Bytes("v"), "text/plain", w: 2, ct: Bounded()));

        // One member gives a preference list of one replica, so the node refuses before storing anything.
        Assert.Equal(2, failure.Needed);
        Assert.Equal(0, failure.Answered);
        Assert.False(failure.OutcomeUnknown);
        Assert.DoesNotContain("unknown outcome", failure.Message);
        Assert.True((await client.GetAsync(bucket, "k", ct: Bounded())).NotFound);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("actor")]
    public async Task Bucket_properties_set_are_read_back(string transport)
    {
        var client = node.Client(transport);
        var bucket = "props-" + transport;
        var wanted = new DynamoBucketProps(1, 1, 1, DynamoConflictMode.LastWriteWins);

        var set = await client.SetBucketPropsAsync(bucket, wanted, Bounded());
        var read = await client.GetBucketPropsAsync(bucket, Bounded());

        Assert.Equal(wanted, set);
        Assert.Equal(wanted, read);
    }

    [Fact]
    public async Task A_value_written_over_http_is_read_over_the_actor_protocol_and_back()
    {
        var context = await node.Http.PutAsync(Bucket, "shared", Bytes("from http"), "text/plain", ct: Bounded());
        var viaActor = await node.Actor.GetAsync(Bucket, "shared", ct: Bounded());
        Assert.Equal("from http", Text(Assert.Single(viaActor.Siblings)));
        Assert.Equal(context, viaActor.Context);

        await node.Actor.PutAsync(Bucket, "shared", Bytes("from actor"), "text/plain", viaActor.Context, ct: Bounded());
        var viaHttp = await node.Http.GetAsync(Bucket, "shared", ct: Bounded());
        Assert.Equal("from actor", Text(Assert.Single(viaHttp.Siblings)));
    }

    [Fact]
    public async Task A_context_that_is_no_context_is_a_request_exception_on_both_transports()
    {
        var garbage = new DynamoContext([1, 2, 3]);

        var overHttp = await Assert.ThrowsAsync<DynamoRequestException>(
            () => node.Http.PutAsync(Bucket, "bad-context", Bytes("v"), "text/plain", garbage, ct: Bounded()));
        var overActor = await Assert.ThrowsAsync<DynamoRequestException>(
            () => node.Actor.PutAsync(Bucket, "bad-context", Bytes("v"), "text/plain", garbage, ct: Bounded()));

        Assert.Equal(400, overHttp.StatusCode);
        Assert.Equal(400, overActor.StatusCode);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("actor")]
    public async Task A_value_over_the_node_limit_is_refused_as_too_large(string transport)
    {
        var client = node.Client(transport);

        var failure = await Assert.ThrowsAsync<DynamoRequestException>(
            () => client.PutAsync(Bucket, "too-large-" + transport, new byte[OneNode.MaxValueSize + 1], "application/octet-stream", ct: Bounded()));

        Assert.Equal(413, failure.StatusCode);
        Assert.True((await client.GetAsync(Bucket, "too-large-" + transport, ct: Bounded())).NotFound);
    }

    [Fact]
    public void An_actor_client_refuses_an_address_that_is_no_node_address()
    {
        var error = Assert.Throws<ArgumentException>(() => new DynamoActorClient(node.ClientSystem, "127.0.0.1:4053"));

        Assert.Contains("akka.tcp://system@host:port", error.Message);
    }

    [Fact]
    public async Task An_actor_client_refuses_a_system_without_remoting()
    {
        var local = Akka.Actor.ActorSystem.Create("local-only", Dynamo.TestSupport.TestConfig.Akka);
        try
        {
            var error = Assert.Throws<ArgumentException>(() => new DynamoActorClient(local, "akka.tcp://dynamo@127.0.0.1:4053"));

            Assert.Contains("no remoting", error.Message);
        }
        finally
        {
            await local.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
