using Akka.Actor;
using System.Collections.Immutable;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>The put coordinator against probe replicas, on virtual time.</summary>
public sealed class PutCoordinatorTests() : KvTestKit(virtualTime: true)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void Writes_locally_first_then_replicates_the_result_and_answers_after_w_acks()
    {
        var (_, local, b, c) = Start(w: 2);

        var put = local.ExpectMsg<CoordinatedPut>();
        b.ExpectNoMsg(Settle);
        var stored = SiblingSet.Empty.Update(put.Context, put.Value, "a");
        local.Answer(new CoordinatedPutAck("a", 0, stored));
        Assert.Equal(stored, b.ExpectMsg<ReplicaPut>().Object);
        Assert.Equal(stored, c.ExpectMsg<ReplicaPut>().Object);
        ExpectNoMsg(Settle);
        b.Answer(new ReplicaPutAck("b", 1));

        var result = ExpectMsg<PutResult>();
        Assert.Equal(stored.Context.ToBytes(), result.Context.ToByteArray());
    }

    [Fact]
    public void Keeps_listening_after_answering_and_stops_once_every_replica_answered()
    {
        var (coordinator, local, b, c) = Start(w: 2);
        AckAll(local, b);
        ExpectMsg<PutResult>();
        Assert.Equal(1, coordinator.Running(CreateTestProbe()));

        c.ExpectMsg<ReplicaPut>();
        c.Answer(new ReplicaPutAck("c", 2));

        Assert.Equal(0, coordinator.Running(CreateTestProbe()));
    }

    [Fact]
    public void Deadline_with_fewer_than_w_acks_answers_quorum_not_met_with_unknown_outcome()
    {
        var (_, local, b, _) = Start(w: 3);
        AckAll(local, b);
        Advance(Timeout - TimeSpan.FromMilliseconds(1));
        ExpectNoMsg(Settle);

        Advance(TimeSpan.FromMilliseconds(1));

        var failure = ExpectMsg<KvFailure>();
        Assert.Equal((2u, 3u, true), (failure.QuorumNotMet.Answered, failure.QuorumNotMet.Needed, failure.QuorumNotMet.OutcomeUnknown));
    }

    [Fact]
    public void Deadline_without_the_local_write_answers_timeout()
    {
        var (_, local, _, _) = Start(w: 2);
        // The coordinator set its deadline once it asked for the local write.
        local.ExpectMsg<CoordinatedPut>();

        Advance(Timeout);

        var failure = ExpectMsg<KvFailure>();
        Assert.Equal(KvFailure.ReasonOneofCase.Timeout, failure.ReasonCase);
        Assert.Contains("outcome is unknown", failure.Message);
    }

    [Fact]
    public void Failed_replicas_that_make_w_unreachable_answer_at_once()
    {
        var (_, local, b, c) = Start(w: 3);
        var put = local.ExpectMsg<CoordinatedPut>();
        local.Answer(new CoordinatedPutAck("a", 0, SiblingSet.Empty.Update(put.Context, put.Value, "a")));
        b.ExpectMsg<ReplicaPut>();
        b.Answer(new VNodeFailure("b", 1, "disk full"));

        var failure = ExpectMsg<KvFailure>();

        Assert.Equal((1u, 3u), (failure.QuorumNotMet.Answered, failure.QuorumNotMet.Needed));
        c.ExpectMsg<ReplicaPut>();
    }

    [Fact]
    public void Delete_answers_a_delete_result()
    {
        var (_, local, b, _) = Start(w: 2, delete: true);
        Assert.True(local.ExpectMsg<CoordinatedPut>(p => p.Value.IsTombstone).Value.IsTombstone);
        local.Answer(new CoordinatedPutAck("a", 0, SiblingSet.Empty.Delete(CausalContext.Empty, 1, "a")));
        b.ExpectMsg<ReplicaPut>();
        b.Answer(new ReplicaPutAck("b", 1));

        ExpectMsg<DeleteResult>();
    }

    [Fact]
    public void Refused_coordinated_write_answers_too_many_siblings_and_replicates_nothing()
    {
        var (_, local, b, c) = Start(w: 2);
        local.ExpectMsg<CoordinatedPut>();

        local.Answer(new CoordinatedPutRefused("a", 0, 101, 100));

        var failure = ExpectMsg<KvFailure>();
        Assert.Equal((101u, 100u), (failure.TooManySiblings.Siblings, failure.TooManySiblings.MaxSiblings));
        b.ExpectNoMsg(Settle);
        c.ExpectNoMsg(Settle);
    }

    private (IActorRef Coordinator, TestProbe Local, TestProbe B, TestProbe C) Start(int w, bool delete = false)
    {
        var (local, b, c) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        var value = delete ? Sibling.Tombstone(1) : new Sibling("v"u8.ToArray(), SiblingMetadata.Value(1));
        var plan = new WritePlan("bucket", Key, CausalContext.Empty, value, delete, LastWriteWins: false, w,
            new ReplicaTarget("a", 0, local.Ref),
            [new ReplicaTarget("b", 1, b.Ref), new ReplicaTarget("c", 2, c.Ref)],
            Timeout,
            SiblingLimits.Default);
        var coordinator = Sys.Coordinate(new PutCoordinator(plan, new Requester(TestActor)));
        return (coordinator, local, b, c);
    }

    private static void AckAll(TestProbe local, params TestProbe[] replicas)
    {
        var put = local.ExpectMsg<CoordinatedPut>();
        local.Answer(new CoordinatedPutAck("a", 0, SiblingSet.Empty.Update(put.Context, put.Value, "a")));
        foreach (var (replica, i) in replicas.Select((r, i) => (r, i)))
        {
            replica.ExpectMsg<ReplicaPut>();
            replica.Answer(new ReplicaPutAck(((char)('b' + i)).ToString(), i + 1));
        }
    }
}
