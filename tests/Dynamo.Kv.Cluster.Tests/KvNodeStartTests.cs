using Akka.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.Kv.Membership;
using Dynamo.Protocol;
using Dynamo.TestSupport;

namespace Dynamo.Kv.Cluster.Tests;

public sealed class KvNodeStartTests
{
    [Fact]
    public async Task A_node_from_reference_defaults_is_a_cluster_member_named_dynamo_whose_id_is_its_host_and_port()
    {
        await using var node = await KvNode.StartAsync(ConfigurationFactory.ParseString("""
            akka.loglevel = ERROR
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms }
            dynamo.persistence.plugin = memory
            """).WithFallback(TestConfig.ClusterMember)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("dynamo", node.Cluster.SelfAddress.System);
        Assert.Equal("akka.tcp", node.Cluster.SelfAddress.Protocol);
        Assert.Equal($"127.0.0.1:{node.Cluster.SelfAddress.Port}", node.NodeId);
        Assert.Equal("memory", node.StoragePlugin);

        // Without seed nodes it waits for an operator's join; joining itself starts a one-node cluster.
        Assert.Null((await node.CurrentRingAsync(KvNodes.AskTimeout)).Ring);
        node.Cluster.Join(node.Cluster.SelfAddress);
        CurrentRing? ring = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (ring is not { Installed: true } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            ring = await node.CurrentRingAsync(KvNodes.AskTimeout);
        }
        Assert.NotNull(ring);
        Assert.True(ring!.Installed);
        Assert.Equal([node.NodeId], [.. ring.ClaimOrder]);

        // One node holds one replica, so a write that needs two cannot succeed, and says so.
        var failure = Assert.IsType<KvFailure>(await node.AskAsync(Requests.Put("b", "k", "v", w: 2), KvNodes.AskTimeout));
        Assert.NotEqual(KvFailure.ReasonOneofCase.None, failure.ReasonCase);
        var put = await node.AskAsync(Requests.Put("b", "k", "v", w: 1), KvNodes.AskTimeout);
        Assert.True(put is PutResult, $"put with w=1: {put}");
    }

    [Fact]
    public async Task A_bad_key_fails_the_start_with_the_key_named()
    {
        var e = await Assert.ThrowsAsync<ConfigurationException>(() => KvNode.StartAsync(ConfigurationFactory.ParseString("""
            akka.loglevel = ERROR
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            dynamo.persistence.plugin = memory
            dynamo.kv.ring-partitions = 12
            """).WithFallback(TestConfig.ClusterMember)).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("ring-partitions", e.Message);
    }
}
