using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Hints;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>Coordinators with a fallback in the preference list, on virtual time: W counts it, pw and pr do not.</summary>
public sealed class StrictQuorumCoordinatorTests() : KvTestKit(virtualTime: true)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void A_fallback_gets_a_hinted_put_naming_the_owner_and_its_ack_counts_toward_w()
    {
        var (local, b, fallback) = StartPut(w: 3, pw: 0);
        var stored = AckLocal(local);
        b.ExpectMsg<ReplicaPut>();
        var hinted = fallback.ExpectMsg<HintedPut>();
        Assert.Equal(("c", 2, stored), (hinted.Owner, hinted.Partition, hinted.Object));

        b.Answer(new ReplicaPutAck("b", 1));
        fallback.Answer(new ReplicaPutAck("d", 2));

        ExpectMsg<PutResult>();
    }

    [Fact]
    public void With_pw_two_the_fallbacks_ack_alone_does_not_answer_and_the_second_primarys_does()
    {
        var (local, b, fallback) = StartPut(w: 2, pw: 2);
        AckLocal(local);
        fallback.ExpectMsg<HintedPut>();
        fallback.Answer(new ReplicaPutAck("d", 2));
        ExpectNoMsg(TimeSpan.FromSeconds(1));

        b.ExpectMsg<ReplicaPut>();
        b.Answer(new ReplicaPutAck("b", 1));

        ExpectMsg<PutResult>();
    }

    [Fact]
    public void With_pw_two_a_failed_primary_answers_at_once_naming_primaries()
    {
        var (local, b, fallback) = StartPut(w: 2, pw: 2);
        AckLocal(local);
        fallback.ExpectMsg<HintedPut>();
        fallback.Answer(new ReplicaPutAck("d", 2));
        b.ExpectMsg<ReplicaPut>();

        b.Answer(new VNodeFailure("b", 1, "disk full"));

        var failure = ExpectMsg<KvFailure>();
        Assert.Equal((1u, 2u, true), (failure.QuorumNotMet.Answered, failure.QuorumNotMet.Needed, failure.QuorumNotMet.OutcomeUnknown));
        Assert.Contains("1 of 2 primaries needed by pw answered (2 primaries reachable)", failure.Message);
    }

    [Fact]
    public void A_read_asks_the_fallback_for_its_hints_and_with_pr_two_waits_for_a_second_primary()
    {
        var (a, b, fallback) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        var plan = new ReadPlan("bucket", Key, 2, false,
            [new ReplicaTarget("a", 0, a.Ref), new ReplicaTarget("b", 1, b.Ref), new ReplicaTarget("d", 2, fallback.Ref) { StandsInFor = "c" }],
            Timeout) { PR = 2 };
        Sys.Coordinate(new GetCoordinator(plan, new Requester(TestActor)));
        a.ExpectMsg<ReplicaGet>();
        b.ExpectMsg<ReplicaGet>();
        Assert.Equal("c", fallback.ExpectMsg<HintedGet>().Owner);

        a.Answer(new ReplicaGetResult("a", 0, SiblingSet.Empty));
        fallback.Answer(new ReplicaGetResult("d", 2, SiblingSet.Empty));
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        b.Answer(new ReplicaGetResult("b", 1, SiblingSet.Empty));

        Assert.Equal(ObjectStatus.NotFound, ExpectMsg<GetResult>().Status);
    }

    private (TestProbe Local, TestProbe B, TestProbe Fallback) StartPut(int w, int pw)
    {
        var (local, b, fallback) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        var plan = new WritePlan("bucket", Key, CausalContext.Empty, new Sibling("v"u8.ToArray(), SiblingMetadata.Value(1)), false, false, w,
            new ReplicaTarget("a", 0, local.Ref),
            [new ReplicaTarget("b", 1, b.Ref), new ReplicaTarget("d", 2, fallback.Ref) { StandsInFor = "c" }],
            Timeout,
            SiblingLimits.Default) { PW = pw };
        Sys.Coordinate(new PutCoordinator(plan, new Requester(TestActor)));
        return (local, b, fallback);
    }

    private static SiblingSet AckLocal(TestProbe local)
    {
        var put = local.ExpectMsg<CoordinatedPut>();
        var stored = SiblingSet.Empty.Update(put.Context, put.Value, "a");
        local.Answer(new CoordinatedPutAck("a", 0, stored));
        return stored;
    }
}
