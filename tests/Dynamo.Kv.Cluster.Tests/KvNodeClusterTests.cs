using Akka.Actor;
using Dynamo.Kv.Membership;
using Dynamo.Kv.Routing;
using Dynamo.Protocol;
using Dynamo.TestSupport;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>Three key-value nodes, each started with <see cref="Hosting.KvNode.StartAsync"/>, over loopback TCP.</summary>
public sealed class KvNodeClusterTests
{
    private const string Bucket = "b";

    [Fact]
    public async Task Three_nodes_join_and_install_the_same_ring_with_every_node_owning_partitions()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        var ring = (await nodes.Running[0].CurrentRingAsync(KvNodes.AskTimeout)).Ring!;
        Assert.Equal(nodes.Running.Select(n => n.NodeId).Order(StringComparer.Ordinal), ring.Members.Order(StringComparer.Ordinal));
        foreach (var node in nodes.Running)
            Assert.NotEmpty(ring.PartitionsOf(node.NodeId));
    }

    [Fact]
    public async Task A_put_through_one_node_is_read_from_every_node()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        Assert.IsType<PutResult>(await nodes.Running[0].AskAsync(Requests.Put(Bucket, "k", "v1", w: 3), KvNodes.AskTimeout));
        foreach (var node in nodes.Running)
        {
            var read = Assert.IsType<GetResult>(await node.AskAsync(Requests.Get(Bucket, "k", r: 3), KvNodes.AskTimeout));
            Assert.Equal(["v1"], Requests.Values(read));
        }
    }

    [Fact]
    public async Task Writes_with_the_same_context_become_siblings_and_a_write_with_the_merged_context_resolves_them()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        var first = Assert.IsType<PutResult>(await nodes.Running[0].AskAsync(Requests.Put(Bucket, "k", "v0", w: 3), KvNodes.AskTimeout));
        Assert.IsType<PutResult>(await nodes.Running[1].AskAsync(Requests.Put(Bucket, "k", "left", first.Context, w: 3), KvNodes.AskTimeout));
        Assert.IsType<PutResult>(await nodes.Running[2].AskAsync(Requests.Put(Bucket, "k", "right", first.Context, w: 3), KvNodes.AskTimeout));

        var conflicted = Assert.IsType<GetResult>(await nodes.Running[0].AskAsync(Requests.Get(Bucket, "k", r: 3), KvNodes.AskTimeout));
        Assert.Equal(["left", "right"], Requests.Values(conflicted));

        Assert.IsType<PutResult>(await nodes.Running[1].AskAsync(Requests.Put(Bucket, "k", "merged", conflicted.Context, w: 3), KvNodes.AskTimeout));
        foreach (var node in nodes.Running)
        {
            var resolved = Assert.IsType<GetResult>(await node.AskAsync(Requests.Get(Bucket, "k", r: 3), KvNodes.AskTimeout));
            Assert.Equal(["merged"], Requests.Values(resolved));
        }
    }

    [Fact]
    public async Task With_one_node_killed_quorum_writes_and_reads_still_succeed_on_the_others()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        Assert.IsType<PutResult>(await nodes.Running[0].AskAsync(Requests.Put(Bucket, "before", "old", w: 3), KvNodes.AskTimeout));
        await nodes.KillAsync(nodes.Running[2]);

        // Several keys, so some land on partitions the dead node owns or replicates.
        for (int i = 0; i < 8; i++)
        {
            var put = await nodes.Running[i % 2].AskAsync(Requests.Put(Bucket, $"k{i}", $"v{i}", w: 2), KvNodes.AskTimeout);
            Assert.True(put is PutResult, $"put k{i}: {put}");
            var get = await nodes.Running[(i + 1) % 2].AskAsync(Requests.Get(Bucket, $"k{i}", r: 2), KvNodes.AskTimeout);
            Assert.Equal([$"v{i}"], Requests.Values(Assert.IsType<GetResult>(get)));
        }
        var before = Assert.IsType<GetResult>(await nodes.Running[1].AskAsync(Requests.Get(Bucket, "before", r: 2), KvNodes.AskTimeout));
        Assert.Equal(["old"], Requests.Values(before));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_unreachable_member_stays_in_the_ring_and_leaves_it_once_downed_and_removed()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        var victim = nodes.Running[2];
        var victimAddress = victim.Cluster.SelfAddress;
        string victimId = victim.NodeId;
        await nodes.KillAsync(victim);

        var survivor = nodes.Running[0];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!survivor.Cluster.State.Unreachable.Any(m => m.Address == victimAddress))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{victimId} was never marked unreachable.");
            await Task.Delay(50);
        }
        Assert.Contains(victimId, (await survivor.CurrentRingAsync(KvNodes.AskTimeout)).ClaimOrder);

        // A downed node id stays in the ring for the restart grace after its removal, in case it comes back.
        survivor.Cluster.Down(victimAddress);
        await nodes.AwaitSameRingAsync(2, RingCoordinator.RestartGrace + TimeSpan.FromSeconds(20));
        var ring = (await survivor.CurrentRingAsync(KvNodes.AskTimeout)).Ring!;
        Assert.DoesNotContain(victimId, ring.Members);
        Assert.Empty(ring.PartitionsOf(victimId));
    }

    [Fact]
    public async Task With_two_of_three_nodes_killed_a_w2_write_fails_naming_answered_and_needed()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        // A key whose three replicas are on three nodes, so the survivor holds one of them, not two.
        var ring = (await nodes.Running[0].CurrentRingAsync(KvNodes.AskTimeout)).Ring!;
        var key = SpreadKeys.OnDistinctNodes(ring.Owners, Bucket, "k", 3);
        await nodes.KillAsync(nodes.Running[2]);
        await nodes.KillAsync(nodes.Running[1]);

        var reply = await nodes.Running[0].AskAsync(Requests.Put(Bucket, key, "v", w: 2), KvNodes.AskTimeout);
        var failure = Assert.IsType<KvFailure>(reply);
        Assert.Equal(KvFailure.ReasonOneofCase.QuorumNotMet, failure.ReasonCase);
        Assert.Equal(1u, failure.QuorumNotMet.Answered);
        Assert.Equal(2u, failure.QuorumNotMet.Needed);
        Assert.True(failure.QuorumNotMet.OutcomeUnknown);
    }

    [Fact]
    public async Task A_client_system_outside_the_cluster_puts_and_gets_through_any_node_with_typed_replies()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        var client = KvNodes.StartClient();
        try
        {
            var viaFirst = ((ExtendedActorSystem)client).Provider.ResolveActorRef(nodes.Running[0].Cluster.SelfAddress + KvPaths.Router);
            var viaLast = ((ExtendedActorSystem)client).Provider.ResolveActorRef(nodes.Running[2].Cluster.SelfAddress + KvPaths.Router);

            var put = await viaFirst.Ask(Requests.Put(Bucket, "remote", "hello", w: 2), KvNodes.AskTimeout);
            Assert.IsType<PutResult>(put);
            var get = Assert.IsType<GetResult>(await viaLast.Ask(Requests.Get(Bucket, "remote", r: 2), KvNodes.AskTimeout));
            Assert.Equal(ObjectStatus.Found, get.Status);
            Assert.Equal(["hello"], Requests.Values(get));
            var missing = Assert.IsType<GetResult>(await viaLast.Ask(Requests.Get(Bucket, "absent"), KvNodes.AskTimeout));
            Assert.Equal(ObjectStatus.NotFound, missing.Status);
            var invalid = Assert.IsType<KvFailure>(await viaFirst.Ask(new Get { Bucket = Bucket }, KvNodes.AskTimeout));
            Assert.Equal(KvFailure.ReasonOneofCase.InvalidRequest, invalid.ReasonCase);
        }
        finally
        {
            await client.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
