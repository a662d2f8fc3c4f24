using System.Text;
using Akka.Actor;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>The transfer protocol between an old owner's sender and vnode and a receiver played by a probe.</summary>
public sealed class OwnershipHandoffTests() : KvTestKit
{
    private const int Partition = 3;
    private const long ReceiverIncarnation = 4242;

    // Retries come fast; a step's timeout does not, because a loaded machine can take seconds to answer one and a
    // timed-out step starts a new attempt the test did not expect. The test of that timeout sets its own.
    private static readonly HandoffSettings Fast = new()
    {
        BatchSize = 2,
        AckTimeout = TimeSpan.FromSeconds(10),
        RetryInterval = TimeSpan.FromMilliseconds(100),
        ReadThroughTimeout = TimeSpan.FromSeconds(1),
    };

    private long Incarnation => SystemIncarnation.Of(Sys);

    [Fact]
    public async Task Batches_go_one_at_a_time_and_the_old_copy_is_deleted_only_after_the_receiver_confirms_the_whole_partition()
    {
        var receiver = CreateTestProbe();
        var progress = CreateTestProbe();
        var vnode = StartSender(5, "b", receiver.Ref, progress.Ref);

        var begin = receiver.ExpectMsg<HandoffBegin>();
        Assert.Equal(("a", Incarnation, Partition), (begin.SourceNode, begin.SourceIncarnation, begin.Partition));
        receiver.Reply(Accepted(begin.TransferId, 0));

        var keys = new List<string>();
        for (long sequence = 1; sequence <= 3; sequence++)
        {
            var batch = receiver.ExpectMsg<HandoffBatch>();
            var sender = receiver.LastSender;
            Assert.Equal(sequence, batch.Sequence);
            Assert.True(batch.Objects.Length <= Fast.BatchSize, $"batch {sequence} holds {batch.Objects.Length} objects");
            keys.AddRange(batch.Objects.Select(o => Encoding.UTF8.GetString(ObjectKey.Decode(o.StorageKey).Key)));
            // Flow control: nothing more arrives until this batch is acknowledged.
            receiver.ExpectNoMsg(TimeSpan.FromMilliseconds(150));
            sender.Tell(Accepted(batch.TransferId, sequence), receiver.Ref);
        }
        Assert.Equal(["k0", "k1", "k2", "k3", "k4"], keys);

        var finish = receiver.ExpectMsg<HandoffFinish>();
        Assert.Equal(5, finish.ObjectsSent);
        Assert.Equal(5, await HeldAsync(vnode));
        receiver.Reply(Accepted(finish.TransferId, 0, finished: true));

        var done = progress.FishForMessage<TransferStatus>(s => s.State == TransferState.Completed, TimeSpan.FromSeconds(5));
        Assert.Equal((Partition, "a", "b", 5L), (done.Partition, done.From, done.To, done.ObjectsSent));
        await AssertDroppedAsync(vnode);
    }

    [Fact]
    public async Task A_receiver_that_restarted_mid_transfer_gets_the_partition_again_from_the_beginning()
    {
        var receiver = CreateTestProbe();
        var progress = CreateTestProbe();
        var vnode = StartSender(3, "b", receiver.Ref, progress.Ref);

        var first = receiver.ExpectMsg<HandoffBegin>();
        receiver.Reply(Accepted(first.TransferId, 0));
        receiver.ExpectMsg<HandoffBatch>(b => b.Sequence == 1);
        // The next acknowledgement comes from a new incarnation of the receiver: what it acknowledged may be gone.
        receiver.Reply(Accepted(first.TransferId, 1) with { Incarnation = ReceiverIncarnation + 1 });

        var second = receiver.ExpectMsg<HandoffBegin>(TimeSpan.FromSeconds(5));
        Assert.NotEqual(first.TransferId, second.TransferId);
        receiver.Reply(Accepted(second.TransferId, 0) with { Incarnation = ReceiverIncarnation + 1 });
        var again = receiver.ExpectMsg<HandoffBatch>();
        Assert.Equal((1L, "k0"), (again.Sequence, Encoding.UTF8.GetString(ObjectKey.Decode(again.Objects[0].StorageKey).Key)));
        Assert.Equal(3, await HeldAsync(vnode));

        receiver.Reply(Accepted(second.TransferId, 1) with { Incarnation = ReceiverIncarnation + 1 });
        receiver.ExpectMsg<HandoffBatch>(b => b.Sequence == 2);
        receiver.Reply(Accepted(second.TransferId, 2) with { Incarnation = ReceiverIncarnation + 1 });
        var finish = receiver.ExpectMsg<HandoffFinish>();
        receiver.Reply(Accepted(finish.TransferId, 0, finished: true) with { Incarnation = ReceiverIncarnation + 1 });

        var done = progress.FishForMessage<TransferStatus>(s => s.State == TransferState.Completed, TimeSpan.FromSeconds(5));
        Assert.Equal(2, done.Attempts);
        await AssertDroppedAsync(vnode);
    }

    [Fact]
    public async Task A_transfer_whose_receiver_does_not_answer_starts_again_and_deletes_nothing_meanwhile()
    {
        var receiver = CreateTestProbe();
        var progress = CreateTestProbe();
        var vnode = StartSender(2, "b", receiver.Ref, progress.Ref, Fast with { AckTimeout = TimeSpan.FromMilliseconds(200) });

        var first = receiver.ExpectMsg<HandoffBegin>();
        var retried = progress.FishForMessage<TransferStatus>(s => s.LastError is not null, TimeSpan.FromSeconds(5));
        Assert.Contains("no answer", retried.LastError);
        var second = receiver.ExpectMsg<HandoffBegin>(TimeSpan.FromSeconds(5));
        Assert.NotEqual(first.TransferId, second.TransferId);
        Assert.Equal(2, await HeldAsync(vnode));
        Assert.Equal(2, (await VNodeJournal.LiveObjectsAsync(Sys, Partition)).Count);
    }

    [Fact]
    public async Task Handing_a_partition_to_this_node_itself_is_refused_and_deletes_nothing()
    {
        var receiver = CreateTestProbe();
        var progress = CreateTestProbe();
        var vnode = StartSender(3, "a", receiver.Ref, progress.Ref);

        var refused = progress.FishForMessage<TransferStatus>(s => s.State == TransferState.Refused, TimeSpan.FromSeconds(5));
        Assert.Contains("itself", refused.LastError);
        receiver.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(3, await HeldAsync(vnode));
        Assert.Equal(3, (await VNodeJournal.LiveObjectsAsync(Sys, Partition)).Count);
    }

    [Fact]
    public async Task A_receiver_answering_with_this_systems_uid_is_refused_even_under_another_node_id_and_nothing_is_deleted()
    {
        var receiver = CreateTestProbe();
        var progress = CreateTestProbe();
        var vnode = StartSender(3, "b", receiver.Ref, progress.Ref);

        var begin = receiver.ExpectMsg<HandoffBegin>();
        // Node id "b", but the incarnation is the sender's own: the directory led back to this very system.
        receiver.Reply(new HandoffAccepted(begin.TransferId, Partition, 0, "b", Incarnation, Finished: false));

        var refused = progress.FishForMessage<TransferStatus>(s => s.State == TransferState.Refused, TimeSpan.FromSeconds(5));
        Assert.Contains("this node", refused.LastError);
        receiver.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(3, await HeldAsync(vnode));
        Assert.Equal(3, (await VNodeJournal.LiveObjectsAsync(Sys, Partition)).Count);
    }

    [Fact]
    public async Task Writes_during_the_transfer_are_sent_before_the_old_vnode_seals_and_forwarded_to_the_receiver_after()
    {
        var (vnode, receiver, progress, batch) = FoldTwoObjects();

        // A node with the old ring still writes to the old owner while the first batch is in flight.
        vnode.Tell(new ReplicaPut("b", Bytes("late"), Object("late", "x")), TestActor);
        ExpectMsg<ReplicaPutAck>();
        receiver.Reply(Accepted(batch.TransferId, 1));

        var dirty = receiver.ExpectMsg<HandoffBatch>();
        Assert.Equal(["late"], dirty.Objects.Select(o => Encoding.UTF8.GetString(ObjectKey.Decode(o.StorageKey).Key)));
        receiver.Reply(Accepted(dirty.TransferId, 2));
        var finish = receiver.ExpectMsg<HandoffFinish>();
        var handoffSender = receiver.Sender;

        // Sealed: a later write is not kept by the old owner but goes to the receiver, replying to the writer.
        var sealedWrite = new ReplicaPut("b", Bytes("sealed"), Object("sealed", "x"));
        vnode.Tell(sealedWrite, TestActor);
        var forwarded = receiver.ExpectMsg<ReplicaPut>();
        Assert.Equal("sealed", Encoding.UTF8.GetString(forwarded.Key));
        Assert.Equal(TestActor, receiver.Sender);
        Assert.DoesNotContain(Convert.ToHexString(ObjectKey.Encode("b", Bytes("sealed"))), (await VNodeJournal.LiveObjectsAsync(Sys, Partition)).Keys);

        handoffSender.Tell(Accepted(finish.TransferId, 0, finished: true), receiver.Ref);
        progress.FishForMessage<TransferStatus>(s => s.State == TransferState.Completed, TimeSpan.FromSeconds(5));
        await AssertDroppedAsync(vnode);
    }

    [Fact]
    public async Task A_delete_during_the_transfer_is_not_reaped_by_the_old_owner_and_its_tombstone_reaches_the_receiver()
    {
        var (vnode, receiver, progress, batch) = FoldTwoObjects();

        // The receiver holds k0 from the fold; a delete and its reap reach the old owner before it sends the keys written meanwhile.
        vnode.Tell(new CoordinatedPut("b", Bytes("k0"), Object("k0", "v0").Context, Sibling.Tombstone(2), false, SiblingLimits.Default), TestActor);
        var tombstone = ExpectMsg<CoordinatedPutAck>().Object;
        Assert.True(tombstone.IsDeleted);
        vnode.Tell(new ReapTombstone("b", Bytes("k0"), tombstone), TestActor);
        Assert.False(ExpectMsg<TombstoneReaped>().Reaped);
        receiver.Reply(Accepted(batch.TransferId, 1));

        // Reaped here, k0 would be sent as nothing and the receiver's v0 would come back.
        var dirty = receiver.ExpectMsg<HandoffBatch>();
        Assert.Equal(["k0"], Names(dirty));
        Assert.Equal(tombstone, dirty.Objects[0].Object);
        receiver.Reply(Accepted(dirty.TransferId, 2));
        var finish = receiver.ExpectMsg<HandoffFinish>();
        receiver.Reply(Accepted(finish.TransferId, 0, finished: true));
        progress.FishForMessage<TransferStatus>(s => s.State == TransferState.Completed, TimeSpan.FromSeconds(5));
        await AssertDroppedAsync(vnode);
    }

    [Fact]
    public async Task A_receiving_vnode_merges_batches_and_reads_keys_it_has_not_received_from_the_old_owner()
    {
        var oldOwner = ActorSystem.Create("old-owner", KvTestConfig.Local);
        try
        {
            await VNodeJournal.WriteAsync(oldOwner, Partition, new ObjectStored(ObjectKey.Encode("b", Bytes("only-old")), SiblingSetSerializer.Serialize(Object("only-old", "a"))));
            var oldVNode = oldOwner.ActorOf(VNodeProps("a", Partition, new HandoffWiring(new LocalNodeDirectory(), SystemIncarnation.Of(oldOwner), Fast)));
            var peekDirectory = new SingleVNodeDirectory("a", oldVNode);

            var receiver = Sys.ActorOf(VNodeProps("b", Partition, new HandoffWiring(peekDirectory, Incarnation, Fast)));

            receiver.Tell(new HandoffBegin("t1", Partition, "a", SystemIncarnation.Of(oldOwner)), TestActor);
            ExpectMsg<HandoffAccepted>(a => a.Node == "b" && a.Incarnation == Incarnation && !a.Finished);

            receiver.Tell(new ReplicaGet("b", Bytes("only-old")), TestActor);
            Assert.Equal(["a"], ExpectMsg<ReplicaGetResult>().Object.Siblings.Select(s => Encoding.UTF8.GetString(s.Value.Span)));

            var mine = Object("x", "mine");
            receiver.Tell(new ReplicaPut("b", Bytes("k"), mine), TestActor);
            ExpectMsg<ReplicaPutAck>();
            var theirs = Object("y", "theirs");
            receiver.Tell(new HandoffBatch("t1", Partition, 1, [new HandoffObject(ObjectKey.Encode("b", Bytes("k")), theirs)]), TestActor);
            ExpectMsg<HandoffAccepted>(a => a.Sequence == 1);
            receiver.Tell(new HandoffFinish("t1", Partition, 1), TestActor);
            ExpectMsg<HandoffAccepted>(a => a.Finished);

            // Concurrent versions both survive the merge; after the finish nothing is read from the old owner.
            receiver.Tell(new ReplicaGet("b", Bytes("k")), TestActor);
            Assert.Equal(["mine", "theirs"], ExpectMsg<ReplicaGetResult>().Object.Siblings.Select(s => Encoding.UTF8.GetString(s.Value.Span)).Order());
            receiver.Tell(new ReplicaGet("b", Bytes("only-old")), TestActor);
            Assert.True(ExpectMsg<ReplicaGetResult>().Object.IsEmpty);
        }
        finally
        {
            await oldOwner.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task A_receiver_holding_an_earlier_folds_progress_gets_the_rest_and_the_keys_written_since_the_mark_only()
    {
        var receiver = CreateTestProbe();
        var progress = CreateTestProbe();
        // k0..k5 are events 2..7 of the old vnode's journal; event 1 is the epoch lease an owner takes at start.
        var vnode = StartSender(6, "b", receiver.Ref, progress.Ref);

        var begin = receiver.ExpectMsg<HandoffBegin>();
        // An earlier attempt's fold, begun when the journal was at event 4, got through k3 durably: k3 (event 5) changed since.
        receiver.Reply(Accepted(begin.TransferId, 0) with { Resume = new HandoffFold(4, Key("k3")) });

        var folded = receiver.ExpectMsg<HandoffBatch>();
        Assert.Equal(["k4", "k5"], Names(folded));
        Assert.Equal((4L, "k5"), (folded.Fold!.Mark, Name(folded.Fold.FoldedTo)));
        receiver.Reply(Accepted(begin.TransferId, 1));
        var rewritten = receiver.ExpectMsg<HandoffBatch>();
        Assert.Equal(["k3"], Names(rewritten));
        Assert.Null(rewritten.Fold);
        receiver.Reply(Accepted(begin.TransferId, 2));
        var finish = receiver.ExpectMsg<HandoffFinish>();
        Assert.Equal(3, finish.ObjectsSent);
        receiver.Reply(Accepted(finish.TransferId, 0, finished: true));

        var done = progress.FishForMessage<TransferStatus>(s => s.State == TransferState.Completed, TimeSpan.FromSeconds(5));
        Assert.Equal((3L, 3L, 1), (done.ObjectsSent, done.ObjectsSkipped, done.Attempts));
        await AssertDroppedAsync(vnode);
    }

    [Fact]
    public void A_receiver_progress_marked_above_the_old_journals_last_event_is_ignored_and_the_fold_starts_from_the_beginning()
    {
        var receiver = CreateTestProbe();
        var progress = CreateTestProbe();
        StartSender(3, "b", receiver.Ref, progress.Ref, Fast with { BatchSize = 10 });

        var begin = receiver.ExpectMsg<HandoffBegin>();
        // Event 50 was never written here: the progress counts in another journal's numbering.
        receiver.Reply(Accepted(begin.TransferId, 0) with { Resume = new HandoffFold(50, Key("k1")) });

        var batch = receiver.ExpectMsg<HandoffBatch>();
        Assert.Equal(["k0", "k1", "k2"], Names(batch));
        // The fold's own mark: the lease and the three objects.
        Assert.Equal((4L, "k2"), (batch.Fold!.Mark, Name(batch.Fold.FoldedTo)));
        Assert.Equal(0, progress.FishForMessage<TransferStatus>(s => s.State == TransferState.Sending, TimeSpan.FromSeconds(5)).ObjectsSkipped);
    }

    [Fact]
    public void A_receiving_vnode_keeps_how_far_each_fold_got_across_restarts_and_forgets_it_when_the_transfer_finishes()
    {
        // A snapshot after every event: the progress must come back from a snapshot, not only from replayed events.
        var settings = new VNodeSettings { SnapshotEvery = 1 };
        var wiring = new HandoffWiring(new LocalNodeDirectory(), Incarnation, Fast);
        var receiver = Sys.ActorOf(VNodeProps("b", Partition, wiring, settings));

        receiver.Tell(new HandoffBegin("t1", Partition, "a", 7), TestActor);
        Assert.Null(ExpectMsg<HandoffAccepted>().Resume);
        receiver.Tell(new HandoffBatch("t1", Partition, 1, [Handed("k0"), Handed("k1")], new HandoffFold(10, Key("k1"))), TestActor);
        ExpectMsg<HandoffAccepted>(a => a.Sequence == 1);
        // Keys written meanwhile carry no progress: the fold's stays where it was.
        receiver.Tell(new HandoffBatch("t1", Partition, 2, [Handed("k9")]), TestActor);
        ExpectMsg<HandoffAccepted>(a => a.Sequence == 2);

        Stop(receiver);
        receiver = Sys.ActorOf(VNodeProps("b", Partition, wiring, settings));
        receiver.Tell(new HandoffBegin("t2", Partition, "c", 8), TestActor);
        Assert.Null(ExpectMsg<HandoffAccepted>().Resume);
        receiver.Tell(new HandoffBegin("t3", Partition, "a", 9), TestActor);
        var resume = ExpectMsg<HandoffAccepted>().Resume;
        Assert.Equal((10L, "k1"), (resume!.Mark, Name(resume.FoldedTo)));

        receiver.Tell(new HandoffFinish("t3", Partition, 0), TestActor);
        ExpectMsg<HandoffAccepted>(a => a.Finished);
        Stop(receiver);
        receiver = Sys.ActorOf(VNodeProps("b", Partition, wiring, settings));
        receiver.Tell(new HandoffBegin("t4", Partition, "a", 9), TestActor);
        Assert.Null(ExpectMsg<HandoffAccepted>().Resume);
    }

    [Fact]
    public void A_receiving_vnode_refuses_a_transfer_from_its_own_system()
    {
        var receiver = Sys.ActorOf(VNodeProps("b", Partition, new HandoffWiring(new LocalNodeDirectory(), Incarnation, Fast)));

        receiver.Tell(new HandoffBegin("t1", Partition, "a", Incarnation), TestActor);
        Assert.Contains("itself", ExpectMsg<HandoffRefused>().Reason);
        receiver.Tell(new HandoffBegin("t2", Partition, "b", 7), TestActor);
        Assert.Contains("itself", ExpectMsg<HandoffRefused>().Reason);
    }

    // The old owner's vnode holding objects k0.. (written before the handoff), and a sender handing it to target.
    private IActorRef StartSender(int objects, string target, IActorRef receiver, IActorRef progress, HandoffSettings? settings = null)
    {
        var wiring = new HandoffWiring(new LocalNodeDirectory(), Incarnation, settings ?? Fast);
        var vnode = Sys.ActorOf(VNodeProps("a", Partition, wiring));
        for (var i = 0; i < objects; i++)
        {
            vnode.Tell(new ReplicaPut("b", Bytes($"k{i}"), Object($"k{i}", $"v{i}")), TestActor);
            ExpectMsg<ReplicaPutAck>();
        }
        // The test plays the ring manager, which arms the old vnode before starting the sender.
        vnode.Tell(new HandOffTo(target, receiver));
        var sender = OwnershipHandoff.Props("a", Incarnation, Partition, target, receiver, vnode, settings ?? Fast);
        Sys.ActorOf(Props.Create(() => new ProgressParent(sender, progress)));
        return vnode;
    }

    // An old vnode holding k0 and k1, its sender past the begin, and the fold's one batch awaiting the receiver's answer.
    private (IActorRef VNode, TestProbe Receiver, TestProbe Progress, HandoffBatch Fold) FoldTwoObjects()
    {
        var receiver = CreateTestProbe();
        var progress = CreateTestProbe();
        var vnode = StartSender(2, "b", receiver.Ref, progress.Ref, Fast with { BatchSize = 10 });
        var begin = receiver.ExpectMsg<HandoffBegin>();
        receiver.Reply(Accepted(begin.TransferId, 0));
        var batch = receiver.ExpectMsg<HandoffBatch>();
        Assert.Equal(["k0", "k1"], Names(batch));
        return (vnode, receiver, progress, batch);
    }

    private static HandoffAccepted Accepted(string transferId, long sequence, bool finished = false) =>
        new(transferId, Partition, sequence, "b", ReceiverIncarnation, finished);

    private static async Task<int> HeldAsync(IActorRef vnode) =>
        (await vnode.Ask<ObjectsHeld>(HoldsObjects.Instance, TimeSpan.FromSeconds(5))).Keys;

    // The handed-off copy is gone: the vnode holds nothing, its journal has no event left, and a vnode started
    // again over that journal recovers no key.
    private async Task AssertDroppedAsync(IActorRef vnode)
    {
        Assert.Equal(0, await HeldAsync(vnode));
        Assert.Empty(await VNodeJournal.EventsAsync(Sys, Partition));
        Watch(vnode);
        Sys.Stop(vnode);
        ExpectTerminated(vnode);
        Assert.Equal(0, await HeldAsync(Sys.ActorOf(VNodeProps("a", Partition))));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Key(string key) => ObjectKey.Encode("b", Bytes(key));

    private static string Name(byte[] storageKey) => Encoding.UTF8.GetString(ObjectKey.Decode(storageKey).Key);

    private static List<string> Names(HandoffBatch batch) => [.. batch.Objects.Select(o => Name(o.StorageKey))];

    private static HandoffObject Handed(string key) => new(Key(key), Object(key, key));

    private static SiblingSet Object(string writer, string value) =>
        SiblingSet.Empty.Update(CausalContext.Empty, new Sibling(Bytes(value), SiblingMetadata.Value(1, "text/plain")), writer);

    /// <summary>Parent of a sender, passing its progress reports to a probe.</summary>
    private sealed class ProgressParent : ReceiveActor
    {
        public ProgressParent(Props child, IActorRef observer)
        {
            Context.ActorOf(child);
            Receive<TransferProgress>(p => observer.Tell(p.Status));
        }
    }

    /// <summary>A directory that knows one vnode of one node.</summary>
    private sealed class SingleVNodeDirectory(string node, IActorRef vnode) : INodeDirectory
    {
        public ICanTell? RouterOf(string n) => null;

        public ICanTell? VNodeOf(string n, int partition) => n == node ? vnode : null;

        public ICanTell? HintedHandoffOf(string n) => null;

        public bool IsReachable(string n) => n == node;
    }
}
