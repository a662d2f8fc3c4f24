using Dynamo.Kv.Batching;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>When a reply channel sends its answers back, on virtual time.</summary>
public sealed class ReplyChannelTests() : KvTestKit(virtualTime: true)
{
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void Answers_wait_until_every_read_handed_on_is_answered_but_never_for_a_write()
    {
        var (vnode, host) = (CreateTestProbe(), CreateTestProbe());
        var inbox = Sys.ActorOf(ReplicaInbox.Props("b", ProbeDirectory.Of("b", vnode.Ref)));
        inbox.Tell(new ReplicaBatch([new(1, Get(1)), new(2, Get(2)), new(3, new ReplicaPut("bucket", Key, ReplicaAnswers.Stored("v", "b")) { RequestId = 3 })]), host.Ref);
        vnode.ReceiveN(3);
        var channel = vnode.LastSender;

        channel.Tell(new ReplicaPutAck("b", 3) { RequestId = 3 }, vnode.Ref);
        channel.Tell(Result(1), vnode.Ref);
        host.ExpectNoMsg(Settle);
        channel.Tell(Result(2), vnode.Ref);
        Assert.Equal([3L, 1L, 2L], host.ExpectMsg<ReplyBatch>().Replies.Select(r => r.RequestId));

        // With no read waiting, a write's acknowledgement goes at once.
        inbox.Tell(new ReplicaBatch([new(3, new ReplicaPut("bucket", Key, ReplicaAnswers.Stored("v", "b")) { RequestId = 4 })]), host.Ref);
        vnode.ExpectMsg<ReplicaPut>();
        channel.Tell(new ReplicaPutAck("b", 3) { RequestId = 4 }, vnode.Ref);
        Assert.Equal([4L], host.ExpectMsg<ReplyBatch>().Replies.Select(r => r.RequestId));
    }

    [Fact]
    public void A_read_never_answered_holds_the_others_back_no_longer_than_the_lost_read_delay()
    {
        var (vnode, host) = (CreateTestProbe(), CreateTestProbe());
        var inbox = Sys.ActorOf(ReplicaInbox.Props("b", ProbeDirectory.Of("b", vnode.Ref)));
        inbox.Tell(new ReplicaBatch([new(1, Get(5)), new(2, Get(6))]), host.Ref);
        vnode.ReceiveN(2);
        var channel = vnode.LastSender;

        channel.Tell(Result(5), vnode.Ref);
        host.ExpectNoMsg(Settle);
        Advance(ReplyChannel.LostReadAfter);
        Assert.Equal([5L], host.ExpectMsg<ReplyBatch>().Replies.Select(r => r.RequestId));

        // The late answer is not waited for again: it goes at once.
        channel.Tell(Result(6), vnode.Ref);
        Assert.Equal([6L], host.ExpectMsg<ReplyBatch>().Replies.Select(r => r.RequestId));
    }

    private static ReplicaGet Get(long id) => new("bucket", Key) { RequestId = id };

    private static ReplicaGetResult Result(long id) => new("b", (int)id, ReplicaAnswers.Stored("v", "b")) { RequestId = id };
}
