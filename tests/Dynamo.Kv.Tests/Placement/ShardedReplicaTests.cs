using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Placement;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests.Placement;

/// <summary>
/// A replica reached through the shard region: by the region until its vnode answers, then straight to that vnode
/// until Akka's death watch reports it stopped. Probes play the region and the vnodes.
/// </summary>
public sealed class ShardedReplicaTests() : Akka.TestKit.Xunit2.TestKit("akka.loglevel = ERROR")
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void Messages_go_through_the_region_until_a_vnode_answers_then_straight_to_it_until_it_stops()
    {
        var region = CreateTestProbe();
        var vnode = CreateTestProbe();
        var replica = new ShardedReplica(region.Ref, 7, Sys.ActorOf(DirectReplicaWatcher.Props()));

        replica.Tell("first", TestActor);
        var envelope = region.ExpectMsg<ShardingEnvelope>();
        Assert.Equal(("7", "first"), (envelope.EntityId, envelope.Message));
        Assert.Equal(TestActor, region.LastSender);

        replica.AnsweredBy(vnode.Ref);
        replica.Tell("second", TestActor);
        vnode.ExpectMsg("second");
        Assert.Equal(TestActor, vnode.LastSender);
        region.ExpectNoMsg(Quiet);

        Sys.Stop(vnode.Ref);
        AwaitCondition(() => replica.VNode is null, TimeSpan.FromSeconds(5));
        replica.Tell("third", TestActor);
        Assert.Equal("third", region.ExpectMsg<ShardingEnvelope>().Message);
    }

    [Fact]
    public void A_vnode_that_answers_after_it_stopped_is_forgotten_again()
    {
        var region = CreateTestProbe();
        var stopped = CreateTestProbe();
        Watch(stopped.Ref);
        Sys.Stop(stopped.Ref);
        ExpectTerminated(stopped.Ref);
        var replica = new ShardedReplica(region.Ref, 3, Sys.ActorOf(DirectReplicaWatcher.Props()));

        // Its answer was on the way when it stopped: the watch reports it at once.
        replica.AnsweredBy(stopped.Ref);
        AwaitCondition(() => replica.VNode is null, TimeSpan.FromSeconds(5));
        replica.Tell("after", TestActor);
        Assert.Equal("after", region.ExpectMsg<ShardingEnvelope>().Message);
    }

    [Fact]
    public void A_read_coordinator_sends_the_next_reads_of_a_partition_straight_to_the_vnodes_that_answered()
    {
        var watcher = Sys.ActorOf(DirectReplicaWatcher.Props());
        var regions = new[] { CreateTestProbe(), CreateTestProbe() };
        var vnodes = new[] { CreateTestProbe(), CreateTestProbe() };
        ImmutableArray<ReplicaTarget> targets = [.. regions.Select((r, i) => new ReplicaTarget(((char)('a' + i)).ToString(), i, new ShardedReplica(r.Ref, i, watcher)))];
        var value = SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("v"u8.ToArray(), SiblingMetadata.Value(1)), "a");

        var first = Sys.Coordinate(new GetCoordinator(new ReadPlan("bucket", Key, 2, false, targets, TimeSpan.FromSeconds(5)), new Requester(TestActor)));
        for (var i = 0; i < 2; i++)
        {
            var get = Assert.IsType<ReplicaGet>(regions[i].ExpectMsg<ShardingEnvelope>().Message);
            // The vnode answers, as it does from behind the entity the region passed the request to.
            first.Tell(new ReplicaGetResult(targets[i].Node, i, value) { RequestId = get.RequestId }, vnodes[i].Ref);
        }
        Assert.Equal(ObjectStatus.Found, ExpectMsg<GetResult>().Status);

        Sys.Coordinate(new GetCoordinator(new ReadPlan("bucket", Key, 2, false, targets, TimeSpan.FromSeconds(5)), new Requester(TestActor)));
        foreach (var vnode in vnodes) vnode.ExpectMsg<ReplicaGet>();
        foreach (var region in regions) region.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_write_coordinator_sends_the_next_writes_straight_to_the_vnodes_that_acknowledged()
    {
        var watcher = Sys.ActorOf(DirectReplicaWatcher.Props());
        var (localRegion, remoteRegion) = (CreateTestProbe(), CreateTestProbe());
        var (localVNode, remoteVNode) = (CreateTestProbe(), CreateTestProbe());
        var local = new ReplicaTarget("a", 0, new ShardedReplica(localRegion.Ref, 0, watcher));
        var remote = new ReplicaTarget("b", 1, new ShardedReplica(remoteRegion.Ref, 1, watcher));
        WritePlan Plan() => new("bucket", Key, CausalContext.Empty, new Sibling("v"u8.ToArray(), SiblingMetadata.Value(1)), false,
            LastWriteWins: false, 2, local, [remote], TimeSpan.FromSeconds(5), SiblingLimits.Default);

        var first = Sys.Coordinate(new PutCoordinator(Plan(), new Requester(TestActor)));
        var put = Assert.IsType<CoordinatedPut>(localRegion.ExpectMsg<ShardingEnvelope>().Message);
        first.Tell(new CoordinatedPutAck("a", 0, SiblingSet.Empty.Update(put.Context, put.Value, "a")) { RequestId = put.RequestId }, localVNode.Ref);
        var replicated = Assert.IsType<ReplicaPut>(remoteRegion.ExpectMsg<ShardingEnvelope>().Message);
        first.Tell(new ReplicaPutAck("b", 1) { RequestId = replicated.RequestId }, remoteVNode.Ref);
        ExpectMsg<PutResult>();

        Sys.Coordinate(new PutCoordinator(Plan(), new Requester(TestActor)));
        localVNode.ExpectMsg<CoordinatedPut>();
        localRegion.ExpectNoMsg(Quiet);
    }
}
