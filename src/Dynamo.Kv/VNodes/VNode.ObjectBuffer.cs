using Akka.Event;
using Akka.Actor;
using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// The object buffer of the paper's section 6.1: a <see cref="BufferedReplicaPut"/> is acknowledged
/// once its merged object is the key's in-memory <c>Latest</c> and has been handed to the storage
/// plugin's group-commit writer, and reads of a key with buffered writes not yet durable are answered
/// from that in-memory object, so a read after a buffered acknowledgement always sees it.
/// </summary>
/// <remarks>
/// Only keys with a buffered write in flight are read from memory; every other read still goes to
/// storage and sees durable data only, as for a bucket without the buffer. A buffered write whose
/// storage write fails after its acknowledgement is the durability risk the paper accepts: the
/// coordinator had one replica (its own) write durably and waited for W acknowledgements, so the
/// write is still on that replica and on any other that stored it, and read repair restores this copy
/// on the next read of the key. The failure is logged as an error and counted, and the key stops
/// being read from memory: its in-memory object is dropped once its other writes in flight finished
/// (it cannot go sooner: they build on it), and until then its reads go to storage.
/// </remarks>
public sealed partial class VNode
{
    private ObjectBufferCounter? _objectBuffer;

    private ObjectBufferCounter ObjectBuffer => _objectBuffer ??= ObjectBufferCounter.Of(Context.System);

    private void ReceiveObjectBuffer() =>
        Receive<BufferedReplicaPut>(m => Write(m.Bucket, m.Key, m));

    // A buffered write merges exactly as a durable replica write; only its acknowledgement differs.
    private static object Unbuffered(object request) => request is BufferedReplicaPut buffered ? buffered.Merge : request;

    // Called once the write is handed to storage: storage applies writes in call order, so a later
    // read from storage can never see an older object than this one once it is durable.
    private void AcknowledgeBuffered(KeyState state, IActorRef replyTo, object reply)
    {
        state.Buffered++;
        ObjectBuffer.BufferedAck();
        replyTo.Tell(reply, Self);
    }

    private void CountDurableAck(Persisted persisted)
    {
        if (persisted.Error is null && persisted.Reply is CoordinatedPutAck or ReplicaPutAck) ObjectBuffer.DurableAck();
    }

    private void OnBufferedPersisted(Persisted persisted)
    {
        if (persisted.Error is null)
        {
            MarkHandoffDirty(persisted.Id);
        }
        else
        {
            ObjectBuffer.FailedAfterAck();
            Context.System.Log.Error(
                "Buffered write of key {0} in partition {1} on {2} was acknowledged but its storage write failed: this replica's copy is lost "
                + "until read repair restores it ({3}).",
                persisted.Id, _partition, _node, persisted.Error.Message);
        }
        if (!_keys.TryGetValue(persisted.Id, out var state))
        {
            return;
        }
        state.InFlight--;
        state.Buffered--;
        if (persisted.Error is not null)
        {
            state.ReadsFromStorage = true;
        }
        Release(persisted.Id, state);
    }

    // True when the read was answered (or is being answered) with the key's buffered object.
    private bool ReadFromBuffer(byte[] storageKey, IActorRef replyTo)
    {
        if (_keys.Count == 0
            || !_keys.TryGetValue(Convert.ToHexString(storageKey), out var state)
            || state.Buffered == 0
            || state.ReadsFromStorage
            || state.Latest is not { } buffered)
        {
            return false;
        }
        ObjectBuffer.BufferRead();
        if (_incoming is null)
        {
            replyTo.Tell(new ReplicaGetResult(_node, _partition, buffered), Self);
            return true;
        }
        // While a handoff comes in, the old owner may hold versions this buffer never loaded: merge both.
        _ = LoadForRead(storageKey).PipeTo(
            replyTo,
            Self,
            success: bytes => new ReplicaGetResult(_node, _partition, (bytes is null ? SiblingSet.Empty : SiblingSetSerializer.Deserialize(bytes)).Sync(buffered)),
            failure: e => Failure("read", storageKey, e));
        return true;
    }

    private sealed partial class KeyState
    {
        // Buffered writes of the key acknowledged but not yet durable; while any is, reads come from Latest.
        public int Buffered { get; set; }

        // Set when a write of the key failed in storage: Latest may hold what storage never will.
        public bool ReadsFromStorage { get; set; }
    }

    private sealed partial record Persisted
    {
        // The write was a buffered one, answered when it was handed to storage.
        public bool Acknowledged { get; init; }
    }
}
