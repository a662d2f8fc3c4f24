using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>One host running many coordinators, on virtual time: answers find their request by its id.</summary>
public sealed class CoordinatorHostTests() : KvTestKit(virtualTime: true)
{
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void Answers_reach_the_request_whose_id_they_carry_in_whatever_order_they_come()
    {
        var host = Sys.ActorOf(CoordinatorHost.Props());
        var replica = CreateTestProbe();
        var (first, second) = (CreateTestProbe(), CreateTestProbe());
        host.Tell(new GetCoordinator(Read(replica, TimeSpan.FromSeconds(5)), new Requester(first.Ref)));
        host.Tell(new GetCoordinator(Read(replica, TimeSpan.FromSeconds(5)), new Requester(second.Ref)));
        var (firstId, secondId) = (replica.ExpectMsg<ReplicaGet>().RequestId, replica.ExpectMsg<ReplicaGet>().RequestId);
        Assert.NotEqual(firstId, secondId);

        host.Tell(new ReplicaGetResult("a", 0, ReplicaAnswers.Stored("for the second", "a")) { RequestId = secondId }, replica.Ref);
        host.Tell(new ReplicaGetResult("a", 0, ReplicaAnswers.Stored("for the first", "a")) { RequestId = firstId }, replica.Ref);

        Assert.Equal(["for the first"], Requests.Values(first.ExpectMsg<GetResult>()));
        Assert.Equal(["for the second"], Requests.Values(second.ExpectMsg<GetResult>()));
        Assert.Equal(0, host.Running(CreateTestProbe()));
    }

    [Fact]
    public void An_answer_for_no_running_request_is_dropped_and_the_host_keeps_serving()
    {
        var host = Sys.ActorOf(CoordinatorHost.Props());
        var replica = CreateTestProbe();
        host.Tell(new ReplicaGetResult("a", 0, ReplicaAnswers.Stored("stray", "a")) { RequestId = 424242 }, replica.Ref);
        host.Tell(new ReplicaPutAck("a", 0), replica.Ref);

        host.Tell(new GetCoordinator(Read(replica, TimeSpan.FromSeconds(5)), new Requester(TestActor)));
        replica.ExpectMsg<ReplicaGet>();
        replica.Answer(new ReplicaGetResult("a", 0, ReplicaAnswers.Stored("served", "a")));

        Assert.Equal(["served"], Requests.Values(ExpectMsg<GetResult>()));
    }

    [Fact]
    public void Each_request_keeps_its_own_deadline()
    {
        var host = Sys.ActorOf(CoordinatorHost.Props());
        var (slow, fast) = (CreateTestProbe(), CreateTestProbe());
        host.Tell(new PutCoordinator(Write(CreateTestProbe(), TimeSpan.FromSeconds(5)), new Requester(slow.Ref)));
        host.Tell(new PutCoordinator(Write(CreateTestProbe(), TimeSpan.FromSeconds(1)), new Requester(fast.Ref)));
        Assert.Equal(2, host.Running(CreateTestProbe()));

        Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(KvFailure.ReasonOneofCase.Timeout, fast.ExpectMsg<KvFailure>().ReasonCase);
        slow.ExpectNoMsg(Settle);

        Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(KvFailure.ReasonOneofCase.Timeout, slow.ExpectMsg<KvFailure>().ReasonCase);
        Assert.Equal(0, host.Running(CreateTestProbe()));
    }

    [Fact]
    public void A_coordinator_that_throws_is_answered_with_an_unknown_outcome_and_the_others_go_on()
    {
        var host = Sys.ActorOf(CoordinatorHost.Props());
        var replica = CreateTestProbe();
        host.Tell(new GetCoordinator(Read(replica, TimeSpan.FromSeconds(5)), new Requester(TestActor)));
        replica.ExpectMsg<ReplicaGet>();
        var failed = CreateTestProbe();
        host.Tell(new Throwing(failed.Ref));

        Assert.Contains("the outcome is unknown", failed.ExpectMsg<KvFailure>().Message);
        replica.Answer(new ReplicaGetResult("a", 0, ReplicaAnswers.Stored("still served", "a")));
        Assert.Equal(["still served"], Requests.Values(ExpectMsg<GetResult>()));
        Assert.Equal(0, host.Running(CreateTestProbe()));
    }

    private static ReadPlan Read(TestProbe replica, TimeSpan timeout) =>
        new("bucket", Key, 1, false, [new ReplicaTarget("a", 0, replica.Ref)], timeout);

    private static WritePlan Write(TestProbe local, TimeSpan timeout) =>
        new("bucket", Key, CausalContext.Empty, new Sibling("v"u8.ToArray(), SiblingMetadata.Value(1)), false, false, 1,
            new ReplicaTarget("a", 0, local.Ref), ImmutableArray<ReplicaTarget>.Empty, timeout, SiblingLimits.Default);


    // A coordinator whose first step throws, as a bug in one would.
    private sealed class Throwing(IActorRef client) : Coordinator(new Requester(client), null)
    {
        public override TimeSpan Timeout => TimeSpan.FromSeconds(5);

        protected override string Operation => "get";

        protected override string What => "get of a key";

        internal override void OnReply(IReplicaReply reply, IActorRef replica)
        {
        }

        internal override void OnDeadline()
        {
        }

        protected override void OnStart() => throw new InvalidOperationException("a bug");
    }
}
