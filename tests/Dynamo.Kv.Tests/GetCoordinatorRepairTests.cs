using Akka.Actor;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>Read repair of the get coordinator and its counts, against probe replicas on virtual time.</summary>
public sealed class GetCoordinatorRepairTests() : KvTestKit(virtualTime: true)
{
    private IActorRef _coordinator = ActorRefs.Nobody;
    private long _requestId;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void Replica_answering_stale_after_the_client_reply_is_repaired_and_counted()
    {
        var counter = new ReadRepairCounter();
        var (coordinator, replicas) = Start(r: 2, counter);
        var old = SiblingSet.Empty.Update(CausalContext.Empty, Value("old"), "a/1");
        var current = old.Update(old.Context, Value("new"), "a/1");
        Answer(replicas[0], "a", current);
        Answer(replicas[1], "b", current);
        Assert.Equal(["new"], Requests.Values(ExpectMsg<GetResult>()));
        replicas[2].ExpectNoMsg(Settle);

        Answer(replicas[2], "c", old);

        Assert.Equal(current, replicas[2].ExpectMsg<ReplicaPut>().Object);
        replicas[0].ExpectNoMsg(Settle);
        replicas[1].ExpectNoMsg(Settle);
        Assert.Equal(0, coordinator.Running(CreateTestProbe()));
        Assert.Equal(new ReadRepairStats(1, 0), counter.Snapshot());
    }

    [Fact]
    public void Repairs_are_counted_by_reason()
    {
        var counter = new ReadRepairCounter();
        var (_, replicas) = Start(r: 2, counter);
        var old = SiblingSet.Empty.Update(CausalContext.Empty, Value("old"), "a/1");
        var current = old.Update(old.Context, Value("new"), "a/1");

        Answer(replicas[0], "a", current);
        Answer(replicas[1], "b", old);
        Answer(replicas[2], "c", SiblingSet.Empty);

        replicas[1].ExpectMsg<ReplicaPut>();
        replicas[2].ExpectMsg<ReplicaPut>();
        Assert.Equal(new ReadRepairStats(1, 1), counter.Snapshot());
        Assert.Equal(2, counter.Snapshot().Total);
    }

    [Fact]
    public void Replica_that_missed_a_delete_gets_the_tombstone_but_one_holding_nothing_does_not()
    {
        var counter = new ReadRepairCounter();
        var (_, replicas) = Start(r: 3, counter);
        var value = SiblingSet.Empty.Update(CausalContext.Empty, Value("v"), "a/1");
        var deleted = value.Delete(value.Context, 2, "a/1");

        Answer(replicas[0], "a", deleted);
        Answer(replicas[1], "b", value);
        Answer(replicas[2], "c", SiblingSet.Empty);

        Assert.Equal(ObjectStatus.Deleted, ExpectMsg<GetResult>().Status);
        Assert.Equal(deleted, replicas[1].ExpectMsg<ReplicaPut>().Object);
        // Holding nothing reads as not found already; the tombstone may have been reaped there.
        replicas[2].ExpectNoMsg(Settle);
        Assert.Equal(new ReadRepairStats(1, 0), counter.Snapshot());
    }

    private (IActorRef Coordinator, TestProbe[] Replicas) Start(int r, ReadRepairCounter counter)
    {
        var probes = new[] { CreateTestProbe(), CreateTestProbe(), CreateTestProbe() };
        var plan = new ReadPlan("bucket", Key, r, false,
            [.. probes.Select((p, i) => new ReplicaTarget(((char)('a' + i)).ToString(), i, p.Ref))],
            Timeout)
        {
            Repairs = counter,
        };
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

    private static Sibling Value(string text) =>
        new(System.Text.Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(1, "text/plain"));
}
