using Akka.Event;
using Akka.Actor;
using Dynamo.Storage;
using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// One partition's replica on this node: stores each key's <see cref="SiblingSet"/> through the
/// storage plugin and acknowledges writes only once they are durable (a <see cref="BufferedReplicaPut"/>:
/// once handed to storage, see VNode.ObjectBuffer.cs).
/// </summary>
/// <remarks>
/// Writes are read-modify-write, so two writes to the same key must never both start from the
/// same stored version. The vnode keeps, per key with work in progress, the latest version it
/// has handed to storage: a write arriving while the key loads waits in that key's queue, and a
/// write arriving while an earlier one is still being persisted builds on the in-flight version.
/// Storage applies writes in call order, so the last one issued is the one that stays. Other
/// keys, and reads, proceed meanwhile; reads go straight to storage and so see durable data only,
/// except for keys with buffered writes in flight (see VNode.ObjectBuffer.cs).
/// If a storage write fails, later writes queued behind it may still carry its versions: its
/// outcome is reported as a failure but is in truth unknown, as for any timed-out write.
/// </remarks>
public sealed partial class VNode : ReceiveActor, IWithTimers
{
    private readonly string _node;
    private readonly int _partition;
    private readonly IKeyValueStore _store;
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the vnode of <paramref name="partition"/> on <paramref name="node"/>, leasing its
    /// epochs in <paramref name="metadata"/> (null: a fresh epoch range on every start, see <see cref="VNodeEpoch"/>).
    /// </summary>
    public VNode(string node, int partition, IKeyValueStore store, IMetadataStore? metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentNullException.ThrowIfNull(store);
        _node = node;
        _partition = partition;
        _store = store;
        _metadata = metadata;

        Receive<CoordinatedPut>(m => Write(m.Bucket, m.Key, m));
        Receive<ReplicaPut>(m => Write(m.Bucket, m.Key, m));
        Receive<ReplicaGet>(Read);
        Receive<Loaded>(OnLoaded);
        Receive<Persisted>(OnPersisted);
        ReceiveEpochs();
        ReceiveReaping();
        ReceiveHandoff();
        ReceiveObjectBuffer();
        ReceiveAntiEntropy();
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the vnode of <paramref name="partition"/> on <paramref name="node"/>.</summary>
    public static Props Props(string node, int partition, IKeyValueStore store) =>
        Akka.Actor.Props.Create(() => new VNode(node, partition, store, null));

    private void Read(ReplicaGet get)
    {
        if (ForwardIfSealed(get, Sender)) return;
        var storageKey = ObjectKey.Encode(get.Bucket, get.Key);
        if (ReadFromBuffer(storageKey, Sender)) return;
        _ = LoadForRead(storageKey).PipeTo(
            Sender,
            Self,
            success: bytes => new ReplicaGetResult(_node, _partition, bytes is null ? SiblingSet.Empty : SiblingSetSerializer.Deserialize(bytes)),
            failure: e => Failure("read", storageKey, e));
    }

    private void Write(string bucket, byte[] key, object request, IActorRef? replyTo = null)
    {
        if (ForwardIfSealed(request, replyTo ?? Sender)) return;
        var storageKey = ObjectKey.Encode(bucket, key);
        var id = Convert.ToHexString(storageKey);
        if (!_keys.TryGetValue(id, out var state))
        {
            state = new KeyState(storageKey);
            _keys[id] = state;
        }

        var pending = new PendingWrite(request, replyTo ?? Sender);
        if (state.Loading || state.AwaitingEpoch is not null)
        {
            state.Waiting.Enqueue(pending);
        }
        else if (state.Latest is null)
        {
            state.Loading = true;
            state.Waiting.Enqueue(pending);
            _ = LoadForWrite(storageKey, pending.Request).PipeTo(
                Self,
                success: bytes => new Loaded(id, bytes, null),
                failure: e => new Loaded(id, null, e));
        }
        else
        {
            Apply(id, state, pending);
        }
    }

    private void OnLoaded(Loaded loaded)
    {
        if (!_keys.TryGetValue(loaded.Id, out var state))
        {
            // A restart forgot the waiting writes; their coordinators time out.
            return;
        }
        state.Loading = false;
        SiblingSet? stored = null;
        var error = loaded.Error;
        if (error is null)
        {
            try
            {
                stored = loaded.Bytes is null ? SiblingSet.Empty : SiblingSetSerializer.Deserialize(loaded.Bytes);
            }
            catch (InvalidSiblingSetException e)
            {
                error = e;
            }
        }

        if (stored is null)
        {
            while (state.Waiting.TryDequeue(out var waiting))
            {
                waiting.ReplyTo.Tell(Failure("read before write", state.StorageKey, error!), Self);
            }
            Release(loaded.Id, state);
            return;
        }

        state.Latest = stored;
        while (state.AwaitingEpoch is null && state.Waiting.TryDequeue(out var waiting))
        {
            Apply(loaded.Id, state, waiting);
        }
    }

    private void Apply(string id, KeyState state, PendingWrite pending)
    {
        var current = state.Latest!;
        SiblingSet next;
        object reply;
        switch (Unbuffered(pending.Request))
        {
            case CoordinatedPut put:
                if (!TryActorFor(current, put.Context.Vector, out var actor))
                {
                    AwaitEpoch(id, state, pending);
                    return;
                }
                next = current.Update(put.Context, put.Value, actor);
                if (put.LastWriteWins && next.Siblings.Count > 1)
                {
                    next = next.ResolveLastWriteWins(actor);
                }
                if (next.Siblings.Count > put.Limits.Max)
                {
                    pending.ReplyTo.Tell(new CoordinatedPutRefused(_node, _partition, next.Siblings.Count, put.Limits.Max), Self);
                    Release(id, state);
                    return;
                }
                if (next.Siblings.Count > put.Limits.WarnAbove)
                {
                    Context.System.Log.Warning(
                        "Key {0} in partition {1} on {2} has {3} siblings (warning above {4}): clients should reconcile.",
                        Convert.ToHexString(state.StorageKey), _partition, _node, next.Siblings.Count, put.Limits.WarnAbove);
                }
                reply = new CoordinatedPutAck(_node, _partition, next);
                break;
            case ReplicaPut replica:
                next = current.Sync(replica.Object);
                if (!TryFenceLostDots(current, replica.Object, ref next))
                {
                    AwaitEpoch(id, state, pending);
                    return;
                }
                reply = new ReplicaPutAck(_node, _partition);
                if (next.Equals(current) && state.InFlight == 0)
                {
                    // Nothing new and nothing pending: what the replica holds is already durable.
                    pending.ReplyTo.Tell(reply, Self);
                    Release(id, state);
                    return;
                }
                break;
            case ReapTombstone reap:
                Reap(id, state, pending, reap);
                return;
            default:
                throw new InvalidOperationException($"Not a write: {pending.Request.GetType().Name}.");
        }

        TrackTreeWrite(id, state.StorageKey, current, next);
        state.Latest = next;
        state.InFlight++;
        var storageKey = state.StorageKey;
        var buffered = pending.Request is BufferedReplicaPut;
        _ = _store.PutAsync(_partition, [new KeyValueEntry(storageKey, SiblingSetSerializer.Serialize(next))]).PipeTo(
            Self,
            success: () => new Persisted(id, pending.ReplyTo, reply, null) { Acknowledged = buffered },
            failure: e => new Persisted(id, pending.ReplyTo, reply, e) { Acknowledged = buffered });
        if (buffered) AcknowledgeBuffered(state, pending.ReplyTo, reply);
    }

    private void OnPersisted(Persisted persisted)
    {
        if (persisted.Acknowledged)
        {
            OnBufferedPersisted(persisted);
            return;
        }
        CountDurableAck(persisted);
        persisted.ReplyTo.Tell(
            persisted.Error is null ? persisted.Reply : new VNodeFailure(_node, _partition, $"write in partition {_partition} on {_node} failed: {persisted.Error.Message}"),
            Self);
        // After a restart the key's state is gone; the write still completed and is answered above.
        if (persisted.Error is null) MarkHandoffDirty(persisted.Id);
        if (persisted.Error is not null) DropTrees();
        if (_keys.TryGetValue(persisted.Id, out var state))
        {
            state.InFlight--;
            Release(persisted.Id, state);
        }
    }

    // Forget a key once nothing is in flight, so the next write reloads it from storage.
    private void Release(string id, KeyState state)
    {
        if (state.InFlight == 0 && !state.Loading && state.Waiting.Count == 0 && state.AwaitingEpoch is null)
        {
            _keys.Remove(id);
        }
    }

    private VNodeFailure Failure(string operation, byte[] storageKey, Exception error) =>
        new(_node, _partition, $"{operation} of key {Convert.ToHexString(storageKey)} in partition {_partition} on {_node} failed: {error.Message}");

    private sealed partial class KeyState(byte[] storageKey)
    {
        public byte[] StorageKey { get; } = storageKey;

        // The version last handed to storage (or loaded from it); null until loaded.
        public SiblingSet? Latest { get; set; }

        public bool Loading { get; set; }

        public int InFlight { get; set; }

        public Queue<PendingWrite> Waiting { get; } = new();

        // A write that needs an epoch not leased yet; the key's later writes wait behind it.
        public PendingWrite? AwaitingEpoch { get; set; }
    }

    private sealed record PendingWrite(object Request, IActorRef ReplyTo);

    private sealed record Loaded(string Id, byte[]? Bytes, Exception? Error) : INoSerializationVerificationNeeded;

    // Self-messages carry actor refs, replies and exceptions and never leave the node: serialize-messages skips them.
    private sealed partial record Persisted(string Id, IActorRef ReplyTo, object Reply, Exception? Error) : INoSerializationVerificationNeeded;
}
