using Akka.Actor;
using Akka.TestKit;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Tests;

public sealed class RingManagerTests() : KvTestKit
{
    [Fact]
    public void Starts_a_vnode_per_owned_partition_and_stops_those_it_no_longer_owns()
    {
        var claimant = new Claimant(16);
        var before = claimant.Claim(null, ["a", "b"]);
        var after = claimant.Claim(before, ["a", "b", "c"]);
        var manager = Sys.ActorOf(RingManager.Props("a", new Kv.VNodes.VNodeSettings()));

        manager.Tell(new RingChanged(before), TestActor);
        Assert.Equal(before.PartitionsOf("a"), ExpectMsg<RingInstalled>().Partitions);
        var lost = before.PartitionsOf("a").Except(after.PartitionsOf("a")).First();
        manager.Tell(new WhichVNode(lost), TestActor);
        var vnode = ExpectMsg<VNodeFor>().VNode!;
        Watch(vnode);

        manager.Tell(new RingChanged(after), TestActor);
        // The vnode's Terminated and the manager's answer come from different senders, so either may arrive first.
        var answers = ReceiveN(2);
        Assert.Equal(after.PartitionsOf("a"), Assert.Single(answers.OfType<RingInstalled>()).Partitions);
        Assert.Equal(vnode, Assert.Single(answers.OfType<Terminated>()).ActorRef);
        manager.Tell(new WhichVNode(lost), TestActor);
        Assert.Null(ExpectMsg<VNodeFor>().VNode);
        manager.Tell(new WhichVNode(after.PartitionsOf("a")[0]), TestActor);
        Assert.NotNull(ExpectMsg<VNodeFor>().VNode);
    }

    [Fact]
    public void Partition_owned_again_while_its_vnode_stops_gets_a_new_vnode()
    {
        var claimant = new Claimant(16);
        var before = claimant.Claim(null, ["a", "b"]);
        var after = claimant.Claim(before, ["a", "b", "c"]);
        var lost = before.PartitionsOf("a").Except(after.PartitionsOf("a")).First();
        var manager = Sys.ActorOf(RingManager.Props("a", new Kv.VNodes.VNodeSettings()));

        foreach (var ring in new[] { before, after, before })
        {
            manager.Tell(new RingChanged(ring), TestActor);
            ExpectMsg<RingInstalled>();
        }

        AwaitAssert(() =>
        {
            manager.Tell(new WhichVNode(lost), TestActor);
            Assert.NotNull(ExpectMsg<VNodeFor>().VNode);
        });
    }
}
