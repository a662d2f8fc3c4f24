using Akka.Actor;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Batching;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>The get coordinator against probe replicas, on virtual time.</summary>
public sealed class GetCoordinatorTests() : KvTestKit(virtualTime: true)
{
    private IActorRef _coordinator = ActorRefs.Nobody;
    private long _requestId;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void Answers_after_r_replies_with_every_maximal_value_and_one_merged_context()
    {
        var (_, replicas) = Start(r: 2);
        var x = SiblingSet.Empty.Update(CausalContext.Empty, Value("x"), "a");
        var y = SiblingSet.Empty.Update(CausalContext.Empty, Value("y"), "b");

        Answer(replicas[0], "a", x);
        ExpectNoMsg(Settle);
        Answer(replicas[1], "b", y);

        var result = ExpectMsg<GetResult>();
        Assert.Equal(ObjectStatus.Found, result.Status);
        Assert.Equal(["x", "y"], Requests.Values(result));
        Assert.Equal(x.Sync(y).Context.ToBytes(), result.Context.ToByteArray());
    }

    [Fact]
    public void An_unreadable_object_from_a_vnode_on_this_node_is_that_replicas_failure_and_the_others_make_r()
    {
        var replicas = new[] { CreateTestProbe(), CreateTestProbe(), CreateTestProbe() };
        var plan = new ReadPlan("bucket", Key, 2, false,
            [.. replicas.Select((p, i) => new ReplicaTarget(((char)('a' + i)).ToString(), i, p.Ref))], Timeout);
        var client = CreateTestProbe();
        var coordinator = new GetCoordinator(plan, new Requester(client.Ref));
        var x = SiblingSet.Empty.Update(CausalContext.Empty, Value("x"), "b");

        // Driven as its host drives it: a vnode on the same node answers with its stored bytes, never serialized.
        coordinator.Start(1, CreateTestProbe().Ref, ReplicaOutbox.Unbatched, new ResultOutbox(), Sys.Scheduler);
        coordinator.OnReply(ReplicaGetResult.OfStored("a", 0, [0x09], requestId: 1), replicas[0].Ref);
        coordinator.OnReply(new ReplicaGetResult("b", 1, x) { RequestId = 1 }, replicas[1].Ref);
        client.ExpectNoMsg(Settle);
        coordinator.OnReply(new ReplicaGetResult("c", 2, x) { RequestId = 1 }, replicas[2].Ref);

        Assert.Equal(["x"], Requests.Values(client.ExpectMsg<GetResult>()));
        Assert.True(coordinator.IsFinished);
    }

    [Fact]
    public void Every_maximal_value_a_tombstone_reads_as_deleted_with_a_context()
    {
        var (_, replicas) = Start(r: 1);
        var deleted = SiblingSet.Empty.Update(CausalContext.Empty, Value("x"), "a");
        deleted = deleted.Delete(deleted.Context, 2, "a");

        Answer(replicas[0], "a", deleted);

        var result = ExpectMsg<GetResult>();
        Assert.Equal(ObjectStatus.Deleted, result.Status);
        Assert.Empty(result.Siblings);
        Assert.Equal(deleted.Context.ToBytes(), result.Context.ToByteArray());
    }

    [Fact]
    public void Replicas_that_answered_stale_or_not_found_get_the_reconciled_object()
    {
        var (coordinator, replicas) = Start(r: 2);
        var old = SiblingSet.Empty.Update(CausalContext.Empty, Value("old"), "a");
        var current = old.Update(old.Context, Value("new"), "a");

        Answer(replicas[0], "a", current);
        Answer(replicas[1], "b", old);
        ExpectMsg<GetResult>();
        Answer(replicas[2], "c", SiblingSet.Empty);

        Assert.Equal(current, replicas[1].ExpectMsg<ReplicaPut>().Object);
        Assert.Equal(current, replicas[2].ExpectMsg<ReplicaPut>().Object);
        replicas[0].ExpectNoMsg(Settle);
        Assert.Equal(0, coordinator.Running(CreateTestProbe()));
    }

    [Fact]
    public void Deadline_repairs_with_the_replies_it_has_and_answers_quorum_not_met_when_short()
    {
        var (_, replicas) = Start(r: 3);
        var value = SiblingSet.Empty.Update(CausalContext.Empty, Value("v"), "a");
        Answer(replicas[0], "a", value);
        Answer(replicas[1], "b", SiblingSet.Empty);
        // Both answers are in before the deadline fires.
        ExpectNoMsg(Settle);

        Advance(Timeout);

        var failure = ExpectMsg<KvFailure>();
        Assert.Equal((2u, 3u, false), (failure.QuorumNotMet.Answered, failure.QuorumNotMet.Needed, failure.QuorumNotMet.OutcomeUnknown));
        Assert.Equal(value, replicas[1].ExpectMsg<ReplicaPut>().Object);
        replicas[2].ExpectNoMsg(Settle);
    }

    [Fact]
    public void Last_write_wins_presents_only_the_latest_value()
    {
        var (_, replicas) = Start(r: 2, lastWriteWins: true);

        Answer(replicas[0], "a", SiblingSet.Empty.Update(CausalContext.Empty, Value("early", 10), "a"));
        Answer(replicas[1], "b", SiblingSet.Empty.Update(CausalContext.Empty, Value("late", 20), "b"));

        Assert.Equal(["late"], Requests.Values(ExpectMsg<GetResult>()));
    }

    [Fact]
    public void Two_replicas_on_one_node_are_two_answers_and_each_is_repaired()
    {
        // A window the claim could not spread: node a holds partitions 0 and 2 of the key.
        var (coordinator, replicas) = Start(r: 2, thirdNode: "a");
        var x = SiblingSet.Empty.Update(CausalContext.Empty, Value("x"), "b");

        _coordinator.Tell(new ReplicaGetResult("a", 0, SiblingSet.Empty) { RequestId = _requestId }, replicas[0].Ref);
        ExpectNoMsg(Settle);
        _coordinator.Tell(new ReplicaGetResult("a", 2, SiblingSet.Empty) { RequestId = _requestId }, replicas[2].Ref);

        Assert.Equal(ObjectStatus.NotFound, ExpectMsg<GetResult>().Status);
        Answer(replicas[1], "b", x);
        Assert.Equal(x, replicas[0].ExpectMsg<ReplicaPut>().Object);
        Assert.Equal(x, replicas[2].ExpectMsg<ReplicaPut>().Object);
        Assert.Equal(0, coordinator.Running(CreateTestProbe()));
    }

    private (IActorRef Coordinator, TestProbe[] Replicas) Start(int r, bool lastWriteWins = false, string thirdNode = "c")
    {
        var probes = new[] { CreateTestProbe(), CreateTestProbe(), CreateTestProbe() };
        var plan = new ReadPlan("bucket", Key, r, lastWriteWins,
            [.. probes.Select((p, i) => new ReplicaTarget(i == 2 ? thirdNode : ((char)('a' + i)).ToString(), i, p.Ref))],
            Timeout);
        var coordinator = _coordinator = Sys.Coordinate(new GetCoordinator(plan, new Requester(TestActor)));
        foreach (var probe in probes)
        {
            _requestId = probe.ExpectMsg<ReplicaGet>().RequestId;
        }
        return (coordinator, probes);
    }

    // Sent to the coordinator rather than as a reply: a probe's last sender is gone once it checked for silence.
    private void Answer(TestProbe replica, string node, SiblingSet set) =>
        _coordinator.Tell(new ReplicaGetResult(node, PartitionOf(node), set) { RequestId = _requestId }, replica.Ref);

    // Replica "a" holds partition 0, "b" partition 1, and so on, as the plan says; a coordinator tells replies apart by partition.
    private static int PartitionOf(string node) => node[0] - 'a';

    private static Sibling Value(string text, long timestamp = 1) =>
        new(System.Text.Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(timestamp, "text/plain"));
}
