using Akka.Actor;
using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// The object buffer of the paper's section 6.1: a <see cref="BufferedReplicaPut"/> is acknowledged
/// once its merged object is the key's in-memory <c>Latest</c> and has been handed to the journal, and
/// reads of a key with buffered writes not yet durable are answered from that in-memory object, so a
/// read after a buffered acknowledgement always sees it.
/// </summary>
/// <remarks>
/// Only keys with a buffered write in flight are read from memory; every other read still sees
/// durable data only, as for a bucket without the buffer. A journal failure after the acknowledgement
/// is the durability risk the paper accepts: the coordinator had one replica (its own) write durably and
/// waited for W acknowledgements, so the write is still on that replica and on any other that stored it,
/// and read repair restores this copy on the next read of the key. The vnode stops on a journal failure
/// (see VNode.Journal.cs) and counts it here.
/// </remarks>
public sealed partial class VNode
{
    private ObjectBufferCounter? _objectBuffer;

    private ObjectBufferCounter ObjectBuffer => _objectBuffer ??= ObjectBufferCounter.Of(Context.System);

    private void CommandObjectBuffer() =>
        Command<BufferedReplicaPut>(m => Write(m.Bucket, m.Key, m));

    // A buffered write merges exactly as a durable replica write; only its acknowledgement differs.
    private static object Unbuffered(object request) => request is BufferedReplicaPut buffered ? buffered.Merge : request;

    // Called once the write is handed to the journal: the journal confirms events in order, so a later
    // read can never see an older object than this one once it is durable.
    private void AcknowledgeBuffered(KeyState state, IActorRef replyTo, object reply)
    {
        state.Buffered++;
        ObjectBuffer.BufferedAck();
        replyTo.Tell(reply, Self);
    }

    private void CountDurableAck(Persisted persisted)
    {
        if (persisted.Reply is CoordinatedPutAck or ReplicaPutAck) ObjectBuffer.DurableAck();
    }

    private void OnBufferedPersisted(Persisted persisted)
    {
        MarkHandoffDirty(persisted.Id);
        if (!_keys.TryGetValue(persisted.Id, out var state))
        {
            return;
        }
        state.InFlight--;
        state.Buffered--;
        Release(persisted.Id, state);
    }

    // True when the read was answered (or is being answered) with the key's buffered object.
    private bool ReadFromBuffer(byte[] storageKey, long requestId, IActorRef replyTo)
    {
        if (_keys.Count == 0
            || !_keys.TryGetValue(Convert.ToHexString(storageKey), out var state)
            || state.Buffered == 0
            || state.Latest is not { } buffered)
        {
            return false;
        }
        ObjectBuffer.BufferRead();
        if (_incoming is null)
        {
            replyTo.Tell(new ReplicaGetResult(_node, _partition, buffered) { RequestId = requestId }, Self);
            return true;
        }
        // While a handoff comes in, the old owner may hold versions this buffer never loaded: merge both.
        _ = LoadForRead(storageKey).PipeTo(
            replyTo,
            Self,
            success: bytes => new ReplicaGetResult(_node, _partition, (bytes is null ? SiblingSet.Empty : SiblingSetSerializer.Deserialize(bytes)).Sync(buffered)) { RequestId = requestId },
            failure: e => Failure("read", storageKey, e, requestId));
        return true;
    }
}
