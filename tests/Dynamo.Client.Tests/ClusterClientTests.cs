using System.Text;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Dynamo.TestSupport;

namespace Dynamo.Client.Tests;

/// <summary>
/// The actor client through Akka's ClusterClient, from an actor system that is no member, over real TCP against three
/// in-process nodes; and a member that runs no store using the same client through its proxy.
/// </summary>
public sealed class ClusterClientTests(ThreeNodes cluster) : IClassFixture<ThreeNodes>
{
    private const string Bucket = "cluster-client";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(DynamoSibling sibling) => Encoding.UTF8.GetString(sibling.Value.Span);

    private static CancellationToken Bounded() => new CancellationTokenSource(TimeFactor.Dilated(TimeSpan.FromSeconds(30))).Token;

    [Fact]
    public async Task Puts_with_a_context_make_siblings_that_a_merged_put_resolves_and_a_delete_removes()
    {
        var client = cluster.Client;
        var first = await client.PutAsync(Bucket, "cart", Bytes("v0"), "text/plain", ct: Bounded());

        await client.PutAsync(Bucket, "cart", Bytes("left"), "text/plain", first, ct: Bounded());
        await client.PutAsync(Bucket, "cart", Bytes("right"), "text/plain", first, ct: Bounded());
        var conflicted = await client.GetAsync(Bucket, "cart", ct: Bounded());

        Assert.True(conflicted.HasSiblings);
        Assert.Equal(["left", "right"], conflicted.Siblings.Select(Text).Order());
        Assert.All(conflicted.Siblings, s => Assert.StartsWith("text/plain", s.ContentType));

        var merged = await client.PutAsync(Bucket, "cart", Bytes("left+right"), "text/plain", conflicted.Context, ct: Bounded());
        var resolved = await client.GetAsync(Bucket, "cart", ct: Bounded());
        Assert.Equal("left+right", Text(Assert.Single(resolved.Siblings)));
        Assert.Equal(merged, resolved.Context);

        await client.DeleteAsync(Bucket, "cart", resolved.Context, ct: Bounded());
        var gone = await client.GetAsync(Bucket, "cart", ct: Bounded());
        Assert.False(gone.Found);
        Assert.Empty(gone.Siblings);
    }

    [Fact]
    public async Task Requests_one_after_another_reach_the_members_through_one_response_tunnel()
    {
        var system = ClientDriven.ThroughContactSystem("tunnels");
        try
        {
            using var client = new DynamoActorClient(system, cluster.Addresses, TimeSpan.FromSeconds(10));
            await client.GetAsync(Bucket, "tunnel-0", ct: Bounded());
            var before = Tunnels();

            for (var i = 1; i <= 20; i++) await client.GetAsync(Bucket, $"tunnel-{i}", ct: Bounded());

            // The receptionist opens a tunnel actor per sender it has not seen: one sender for all, so no new tunnel.
            Assert.Empty(Tunnels().Except(before));
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    // The response tunnels of every member's receptionist, one child per client sender it relays replies to.
    private HashSet<string> Tunnels() => cluster.Nodes
        .SelectMany(n => ((ActorRefWithCell)ClusterClientReceptionist.Get(n.System).Underlying).Children)
        .Select(c => c.Path.ToString())
        .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public async Task A_bad_context_and_an_oversized_value_are_typed_request_failures_that_store_nothing()
    {
        var client = cluster.Client;

        var badContext = await Assert.ThrowsAsync<DynamoRequestException>(
            () => client.PutAsync(Bucket, "bad", Bytes("v"), "text/plain", new DynamoContext([1, 2, 3]), ct: Bounded()));
        var tooLarge = await Assert.ThrowsAsync<DynamoRequestException>(
            () => client.PutAsync(Bucket, "bad", new byte[ThreeNodes.MaxValueSize + 1], "application/octet-stream", ct: Bounded()));

        Assert.Equal((400, false), (badContext.StatusCode, badContext.OutcomeUnknown));
        Assert.Equal((413, false), (tooLarge.StatusCode, tooLarge.OutcomeUnknown));
        Assert.True((await client.GetAsync(Bucket, "bad", ct: Bounded())).NotFound);
    }

    [Fact]
    public async Task A_member_that_runs_no_store_reads_and_writes_through_its_proxy_with_the_same_client()
    {
        using var member = DynamoActorClient.ForMember(cluster.Member, cluster.Proxy, TimeSpan.FromSeconds(10));

        var written = await member.PutAsync(Bucket, "from-member", Bytes("member"), "text/plain", ct: Bounded());
        var readOutside = await cluster.Client.GetAsync(Bucket, "from-member", ct: Bounded());
        await cluster.Client.PutAsync(Bucket, "from-member", Bytes("client"), "text/plain", readOutside.Context, ct: Bounded());
        var readInside = await member.GetAsync(Bucket, "from-member", ct: Bounded());

        Assert.Equal(written, readOutside.Context);
        Assert.Equal("member", Text(Assert.Single(readOutside.Siblings)));
        Assert.Equal("client", Text(Assert.Single(readInside.Siblings)));
        var refused = await Assert.ThrowsAsync<DynamoRequestException>(
            () => member.PutAsync(Bucket, "from-member", Bytes("v"), "text/plain", new DynamoContext([9, 9]), ct: Bounded()));
        Assert.Equal(400, refused.StatusCode);
    }

    [Fact]
    public async Task A_client_whose_first_contact_is_down_reaches_the_store_through_another()
    {
        var nobody = $"akka.tcp://{ThreeNodes.SystemName}@127.0.0.1:{FreePorts.One()}";
        using var client = new DynamoActorClient(cluster.ClientSystem, [nobody, cluster.Addresses[1]], TimeSpan.FromSeconds(10));

        var written = await client.PutAsync(Bucket, "second-contact", Bytes("v"), "text/plain", ct: Bounded());
        var read = await client.GetAsync(Bucket, "second-contact", ct: Bounded());

        Assert.Equal(written, read.Context);
        Assert.Equal("v", Text(Assert.Single(read.Siblings)));
    }
}
