using Akka.Actor;
using Dynamo.Kv.Membership;
using Dynamo.Kv.Routing;
using static Dynamo.Kv.Cluster.Tests.Eventually;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>What the cluster node directory says about reachability, from membership.</summary>
public sealed class ClusterReachabilityTests
{
    [Fact(Timeout = 60_000)]
    public async Task Up_members_are_reachable_a_killed_one_is_not_and_this_node_always_is()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        var (first, second, victim) = (nodes.Running[0], nodes.Running[1], nodes.Running[2]);
        var directory = new ClusterNodeDirectory(first.System);
        await UntilAsync(() => nodes.Running.All(n => directory.IsReachable(n.NodeId)), "every Up member is reachable");

        await nodes.KillAsync(victim);

        await UntilAsync(() => !directory.IsReachable(victim.NodeId), "the killed member is unreachable");
        Assert.True(directory.IsReachable(first.NodeId), "this node");
        Assert.True(directory.IsReachable(second.NodeId), "the other live member");
        Assert.False(directory.IsReachable("127.0.0.1:1"), "an address no member has");
        var handoff = Assert.IsType<ActorSelection>(directory.HintedHandoffOf(second.NodeId));
        Assert.Equal($"{second.Cluster.SelfAddress}{KvPaths.HintedHandoff}", handoff.Anchor.Path.Address + handoff.PathString);
    }
}
