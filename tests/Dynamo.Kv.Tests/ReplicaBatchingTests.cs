using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using Dynamo.Kv.Batching;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>
/// Requests for another node's replicas held back by a host's outbox and sent as one batch; that node's inbox handing
/// them to its replicas and sending their answers back together.
/// </summary>
public sealed class ReplicaBatchingTests : KvTestKit
{
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void Requests_for_one_node_held_back_together_go_as_one_batch_and_a_lone_one_goes_straight_to_its_replica()
    {
        var directory = new ProbeDirectory();
        var (inboxB, vnodeB, inboxC, vnodeC, host) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        directory.RegisterInbox("b", inboxB.Ref);
        directory.RegisterInbox("c", inboxC.Ref);
        var outbox = new ReplicaOutbox("a", directory);

        outbox.Send(new ReplicaTarget("b", 1, vnodeB.Ref), new ReplicaGet("bucket", Key) { RequestId = 1 }, host.Ref);
        outbox.Send(new ReplicaTarget("b", 2, vnodeB.Ref), new ReplicaGet("bucket", Key) { RequestId = 2 }, host.Ref);
        outbox.Send(new ReplicaTarget("c", 3, vnodeC.Ref), new ReplicaGet("bucket", Key) { RequestId = 3 }, host.Ref);
        // The host is told once to flush, behind whatever is already in its mailbox.
        host.ExpectMsg<ReplicaOutbox.Flush>();
        host.ExpectNoMsg(Settle);
        inboxB.ExpectNoMsg(TimeSpan.Zero);
        vnodeC.ExpectNoMsg(TimeSpan.Zero);

        outbox.SendPending(host.Ref);
        var batch = inboxB.ExpectMsg<ReplicaBatch>();
        Assert.Equal([(1, 1L), (2, 2L)], batch.Requests.Select(e => (e.Partition, ((ReplicaGet)e.Request).RequestId)));
        Assert.Equal(host.Ref, inboxB.LastSender);
        Assert.Equal(3, vnodeC.ExpectMsg<ReplicaGet>().RequestId);
        Assert.Equal(host.Ref, vnodeC.LastSender);
        inboxC.ExpectNoMsg(Settle);

        // Nothing is held twice: the next request starts a new round.
        outbox.Send(new ReplicaTarget("b", 1, vnodeB.Ref), new ReplicaGet("bucket", Key) { RequestId = 4 }, host.Ref);
        host.ExpectMsg<ReplicaOutbox.Flush>();
        outbox.SendPending(host.Ref);
        Assert.Equal(4, vnodeB.ExpectMsg<ReplicaGet>().RequestId);
        inboxB.ExpectNoMsg(Settle);
    }

    [Fact]
    public void This_nodes_replicas_fallbacks_and_requests_nobody_waits_for_are_never_held_back()
    {
        var directory = new ProbeDirectory();
        var (inbox, vnode, host) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        directory.RegisterInbox("a", inbox.Ref);
        directory.RegisterInbox("b", inbox.Ref);
        var outbox = new ReplicaOutbox("a", directory);

        outbox.Send(new ReplicaTarget("a", 1, vnode.Ref), new ReplicaGet("bucket", Key) { RequestId = 1 }, host.Ref);
        outbox.Send(new ReplicaTarget("b", 2, vnode.Ref) { StandsInFor = "c" }, new ReplicaGet("bucket", Key) { RequestId = 2 }, host.Ref);
        outbox.Send(new ReplicaTarget("b", 3, vnode.Ref), new ReplicaGet("bucket", Key), host.Ref);

        Assert.Equal([1L, 2L, 0L], vnode.ReceiveN(3).Cast<ReplicaGet>().Select(g => g.RequestId));
        host.ExpectNoMsg(Settle);
        inbox.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_batch_of_answers_reaches_each_request_on_its_host()
    {
        var host = Sys.ActorOf(CoordinatorHost.Props());
        var replica = CreateTestProbe();
        var (first, second) = (CreateTestProbe(), CreateTestProbe());
        host.Tell(new GetCoordinator(ReplicaAnswers.OneReplicaRead(replica), new Requester(first.Ref)));
        host.Tell(new GetCoordinator(ReplicaAnswers.OneReplicaRead(replica), new Requester(second.Ref)));
        var (firstId, secondId) = (replica.ExpectMsg<ReplicaGet>().RequestId, replica.ExpectMsg<ReplicaGet>().RequestId);

        host.Tell(new ReplyBatch([
            new ReplicaGetResult("b", 0, ReplicaAnswers.Stored("for the second", "b")) { RequestId = secondId },
            new ReplicaGetResult("b", 0, ReplicaAnswers.Stored("stray", "b")) { RequestId = 777 },
            new ReplicaGetResult("b", 0, ReplicaAnswers.Stored("for the first", "b")) { RequestId = firstId },
        ]));

        Assert.Equal(["for the first"], Requests.Values(first.ExpectMsg<GetResult>()));
        Assert.Equal(["for the second"], Requests.Values(second.ExpectMsg<GetResult>()));
        Assert.Equal(0, host.Running(CreateTestProbe()));
    }

    [Fact]
    public void An_inbox_hands_each_request_to_its_replica_and_batches_the_answers_back_to_the_host()
    {
        var vnode = CreateTestProbe();
        var inbox = Sys.ActorOf(ReplicaInbox.Props("b", ProbeDirectory.Of("b", vnode.Ref)));
        var host = CreateTestProbe();

        inbox.Tell(new ReplicaBatch([new(1, new ReplicaGet("bucket", Key) { RequestId = 11 }), new(2, new ReplicaGet("bucket", Key) { RequestId = 12 })]), host.Ref);
        var requests = vnode.ReceiveN(2).Cast<ReplicaGet>().ToList();
        var channel = vnode.LastSender;
        Assert.NotEqual(host.Ref, channel);
        foreach (var request in requests)
            channel.Tell(new ReplicaGetResult("b", (int)request.RequestId - 10, ReplicaAnswers.Stored("v", "b")) { RequestId = request.RequestId }, vnode.Ref);

        var answered = new List<long>();
        while (answered.Count < 2)
        {
            answered.AddRange(host.ExpectMsg<ReplyBatch>().Replies.Select(r => r.RequestId));
        }
        Assert.Equal([11L, 12L], answered.Order());

        // The same host's next batch goes through the same channel.
        inbox.Tell(new ReplicaBatch([new(3, new ReplicaGet("bucket", Key) { RequestId = 13 })]), host.Ref);
        vnode.ExpectMsg<ReplicaGet>();
        Assert.Equal(channel, vnode.LastSender);
    }

    [Fact]
    public void A_request_for_a_partition_the_node_cannot_reach_is_answered_as_that_replicas_failure()
    {
        var inbox = Sys.ActorOf(ReplicaInbox.Props("b", new ProbeDirectory()));
        var host = CreateTestProbe();
        inbox.Tell(new ReplicaBatch([new(5, new ReplicaPut("bucket", Key, ReplicaAnswers.Stored("v", "b")) { RequestId = 21 })]), host.Ref);

        var failure = Assert.IsType<VNodeFailure>(Assert.Single(host.ExpectMsg<ReplyBatch>().Replies));
        Assert.Equal((5, 21L), (failure.Partition, failure.RequestId));
        Assert.Contains("no replica of partition 5", failure.Reason);
    }

    [Fact]
    public void A_hosts_channel_stops_when_the_host_does()
    {
        var vnode = CreateTestProbe();
        var inbox = Sys.ActorOf(ReplicaInbox.Props("b", ProbeDirectory.Of("b", vnode.Ref)));
        var host = CreateTestProbe();
        inbox.Tell(new ReplicaBatch([new(1, new ReplicaGet("bucket", Key) { RequestId = 1 })]), host.Ref);
        vnode.ExpectMsg<ReplicaGet>();
        var channel = vnode.LastSender;
        Watch(channel);

        Sys.Stop(host.Ref);
        ExpectTerminated(channel);

        // A new host gets a new channel.
        var next = CreateTestProbe();
        inbox.Tell(new ReplicaBatch([new(1, new ReplicaGet("bucket", Key) { RequestId = 2 })]), next.Ref);
        vnode.ExpectMsg<ReplicaGet>();
        Assert.NotEqual(channel, vnode.LastSender);
    }
}
