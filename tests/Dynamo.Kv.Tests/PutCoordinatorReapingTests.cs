using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>A delete's coordinator reaps its tombstone only from primaries that all acknowledged it, on virtual time.</summary>
public sealed class PutCoordinatorReapingTests() : KvTestKit(virtualTime: true)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(3);
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void Tombstone_acknowledged_by_every_primary_is_reaped_on_each_after_the_delay()
    {
        var (local, b, c) = Start(primaries: [0, 1, 2]);
        var tombstone = AckAll(local, b, c);
        ExpectMsg<DeleteResult>();
        // Every acknowledgement is in before the clock moves: the reap is planned on the last primary's.
        ExpectNoMsg(Settle);

        Advance(Delay - TimeSpan.FromMilliseconds(1));
        foreach (var replica in new[] { local, b, c }) replica.ExpectNoMsg(Settle);
        Advance(TimeSpan.FromMilliseconds(1));

        foreach (var replica in new[] { local, b, c })
        {
            Assert.Equal(tombstone, replica.ExpectMsg<ReapTombstone>().Tombstone);
        }
    }

    [Fact]
    public void Tombstone_is_not_reaped_when_a_primary_never_acknowledged()
    {
        var (local, b, c) = Start(primaries: [0, 1, 2]);
        AckAll(local, b);
        c.ExpectMsg<ReplicaPut>();
        ExpectMsg<DeleteResult>();
        // Every acknowledgement is in before the clock moves: the reap is planned on the last primary's.
        ExpectNoMsg(Settle);

        Advance(Timeout + Delay);

        foreach (var replica in new[] { local, b, c }) replica.ExpectNoMsg(Settle);
    }

    [Fact]
    public void Acknowledgement_of_a_fallback_does_not_count_for_the_primary_it_stands_in_for()
    {
        // c stands in for the unreachable owner d of partition 2: d may lack the tombstone, so nothing is reaped.
        var (local, b, c) = Start(primaries: [0, 1, 2], thirdStandsInFor: "d");
        AckAll(local, b, c);
        ExpectMsg<DeleteResult>();
        // Every acknowledgement is in before the clock moves: the reap is planned on the last primary's.
        ExpectNoMsg(Settle);

        Advance(Delay + Delay);

        foreach (var replica in new[] { local, b, c }) replica.ExpectNoMsg(Settle);
    }

    [Fact]
    public void Delete_without_a_reap_plan_keeps_its_tombstone()
    {
        var (local, b, c) = Start(primaries: null);
        AckAll(local, b, c);
        ExpectMsg<DeleteResult>();
        // Every acknowledgement is in before the clock moves: the reap is planned on the last primary's.
        ExpectNoMsg(Settle);

        Advance(Delay + Delay);

        foreach (var replica in new[] { local, b, c }) replica.ExpectNoMsg(Settle);
    }

    [Fact]
    public void Two_primaries_on_one_node_are_each_reaped_once_both_acknowledged()
    {
        // A window the claim could not spread: node a holds partitions 0 and 2 of the key.
        var (local, b, c) = Start(primaries: [0, 1, 2], thirdNode: "a");
        var tombstone = AckAll(local, b, c);
        ExpectMsg<DeleteResult>();
        ExpectNoMsg(Settle);

        Advance(Delay);

        foreach (var replica in new[] { local, b, c })
        {
            Assert.Equal(tombstone, replica.ExpectMsg<ReapTombstone>().Tombstone);
        }
    }

    private (TestProbe Local, TestProbe B, TestProbe C) Start(int[]? primaries, string? thirdStandsInFor = null, string thirdNode = "c")
    {
        var (local, b, c) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        var plan = new WritePlan("bucket", Key, CausalContext.Empty, Sibling.Tombstone(1), IsDelete: true, LastWriteWins: false, 2,
            new ReplicaTarget("a", 0, local.Ref),
            [new ReplicaTarget("b", 1, b.Ref), new ReplicaTarget(thirdNode, 2, c.Ref) { StandsInFor = thirdStandsInFor }],
            Timeout,
            SiblingLimits.Default)
        {
            Reap = primaries is null ? null : new TombstoneReap(Delay, [.. primaries]),
        };
        Sys.Coordinate(new PutCoordinator(plan, new Requester(TestActor)));
        return (local, b, c);
    }

    private static SiblingSet AckAll(TestProbe local, params TestProbe[] replicas)
    {
        var put = local.ExpectMsg<CoordinatedPut>();
        var stored = SiblingSet.Empty.Update(put.Context, put.Value, "a/1");
        local.Answer(new CoordinatedPutAck("a", 0, stored));
        foreach (var (replica, i) in replicas.Select((r, i) => (r, i)))
        {
            // A primary gets a replica put, a fallback a hinted put; both acknowledge the same way.
            replica.ExpectMsg<object>(m => m is ReplicaPut or Hints.HintedPut);
            replica.Answer(new ReplicaPutAck(((char)('b' + i)).ToString(), i + 1));
        }
        return stored;
    }
}
