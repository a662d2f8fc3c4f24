using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Handoff;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// One partition's replica on this node, a persistent actor: each accepted write is an
/// <see cref="ObjectStored"/> event holding the key's whole <see cref="SiblingSet"/>, and the replica
/// acknowledges a write only once the journal confirmed it (a <see cref="BufferedReplicaPut"/>: once
/// handed to the journal, see VNode.ObjectBuffer.cs).
/// </summary>
/// <remarks>
/// <para>
/// In memory the vnode keeps its <see cref="ReplicaIndex"/> (per live key, where its latest event is and
/// its digest) and leaves values to the node's <see cref="ValueCache"/>; an object the cache no longer holds
/// is read back from the journal (<see cref="EventReader"/>), as bitcask reads a value from its log. Every
/// <see cref="VNodeSettings.SnapshotEvery"/> events a snapshot of the index bounds recovery, and compaction
/// (VNode.Compaction.cs, bitcask's merge) copies live objects out of old events and deletes those, bounding the journal.
/// </para>
/// <para>
/// Writes are read-modify-write, so two writes to the same key must never both start from the same stored
/// version. The vnode keeps, per key with work in progress, the latest version it has handed to the journal:
/// a write arriving while the key loads waits in that key's queue, and a write arriving while an earlier one
/// is still being persisted builds on the in-flight version. The journal confirms events in the order they
/// were persisted, so the last one issued is the one that stays. Other keys, and reads, proceed meanwhile;
/// reads see confirmed data only, except for keys with buffered writes in flight.
/// A journal that fails a write stops the vnode (Akka.Persistence's rule); writes in flight then have an
/// unknown outcome, which their coordinators report when they time out.
/// </para>
/// </remarks>
public sealed partial class VNode : ReceivePersistentActor, IWithTimers
{
    private readonly string _node;
    private readonly int _partition;
    private readonly VNodeSettings _settings;
    private readonly ValueCache _cache;
    private readonly ReplicaIndex _index = new();
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);
    private bool _owner;
    private long _generation = ValueCache.NewGeneration();
    private long _eventsSinceSnapshot;

    /// <summary>
    /// Creates the vnode of <paramref name="partition"/> on <paramref name="node"/>, caching objects in <paramref name="cache"/>;
    /// an <paramref name="owner"/> leases its epochs before it serves and reaps tombstones; a vnode started only to see what
    /// its journal holds does neither.
    /// </summary>
    public VNode(string node, int partition, VNodeSettings settings, ValueCache cache, HandoffWiring? handoff = null, bool owner = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(cache);
        _node = node;
        _partition = partition;
        _settings = settings;
        _cache = cache;
        _handoff = handoff;
        _owner = owner;

        RecoverReplica();
        RecoverHandoff();
        Command<CoordinatedPut>(m => Write(m.Bucket, m.Key, m));
        Command<ReplicaPut>(m => Write(m.Bucket, m.Key, m));
        Command<ReplicaGet>(Read);
        Command<Loaded>(OnLoaded);
        CommandReaping();
        CommandHandoff();
        CommandObjectBuffer();
        CommandAntiEntropy();
        CommandJournal();
        CommandCompaction();
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Each node's journal is its own, so the partition alone names a vnode's events there.</summary>
    public override string PersistenceId => PersistenceIdOf(_partition);

    /// <summary>The persistence id of <paramref name="partition"/>'s vnode in a node's journal.</summary>
    public static string PersistenceIdOf(int partition) => "vnode-" + partition.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Props for the vnode of <paramref name="partition"/> on <paramref name="node"/>; with <paramref name="handoff"/> it takes
    /// part in ownership handoff; an <paramref name="owner"/> leases its epochs before it serves and reaps tombstones.
    /// </summary>
    public static Props Props(string node, int partition, VNodeSettings settings, ValueCache cache, HandoffWiring? handoff = null, bool owner = false) =>
        Akka.Actor.Props.Create(() => new VNode(node, partition, settings, cache, handoff, owner));

    private void Read(ReplicaGet get)
    {
        if (ForwardIfSealed(get, Sender)) return;
        var storageKey = ObjectKey.Encode(get.Bucket, get.Key);
        var requestId = get.RequestId;
        if (ReadFromBuffer(storageKey, requestId, Sender)) return;
        _ = LoadForRead(storageKey).PipeTo(
            Sender,
            Self,
            success: bytes => ReplicaGetResult.OfStored(_node, _partition, bytes, requestId),
            failure: e => Failure("read", storageKey, e, requestId));
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
                waiting.ReplyTo.Tell(Failure("read before write", state.StorageKey, error!, RequestIdOf(waiting.Request)), Self);
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
                    pending.ReplyTo.Tell(new CoordinatedPutRefused(_node, _partition, next.Siblings.Count, put.Limits.Max) { RequestId = put.RequestId }, Self);
                    Release(id, state);
                    return;
                }
                if (next.Siblings.Count > put.Limits.WarnAbove)
                {
                    Context.System.Log.Warning(
                        "Key {0} in partition {1} on {2} has {3} siblings (warning above {4}): clients should reconcile.",
                        Convert.ToHexString(state.StorageKey), _partition, _node, next.Siblings.Count, put.Limits.WarnAbove);
                }
                reply = new CoordinatedPutAck(_node, _partition, next) { RequestId = put.RequestId };
                break;
            case ReplicaPut replica:
                next = current.Sync(replica.Object);
                if (!TryFenceLostDots(current, replica.Object, ref next))
                {
                    AwaitEpoch(id, state, pending);
                    return;
                }
                reply = new ReplicaPutAck(_node, _partition) { RequestId = replica.RequestId };
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
        var buffered = pending.Request is BufferedReplicaPut;
        var replyTo = pending.ReplyTo;
        var bytes = SiblingSetSerializer.Serialize(next);
        PersistAsync(new ObjectStored(state.StorageKey, bytes), _ =>
        {
            _index.Stored(id, LastSequenceNr, bytes);
            _cache.Set(_generation, id, LastSequenceNr, bytes);
            OnPersisted(new Persisted(id, replyTo, reply) { Acknowledged = buffered });
            CountEvent();
        });
        if (buffered) AcknowledgeBuffered(state, replyTo, reply);
    }

    private void OnPersisted(Persisted persisted)
    {
        if (persisted.Acknowledged)
        {
            OnBufferedPersisted(persisted);
            return;
        }
        CountDurableAck(persisted);
        persisted.ReplyTo.Tell(persisted.Reply, Self);
        MarkHandoffDirty(persisted.Id);
        if (_keys.TryGetValue(persisted.Id, out var state))
        {
            state.InFlight--;
            Release(persisted.Id, state);
        }
    }

    // Forget a key once nothing is in flight, so the next write loads it again (from the cache or the journal).
    private void Release(string id, KeyState state)
    {
        if (state.InFlight == 0 && !state.Loading && state.Waiting.Count == 0 && state.AwaitingEpoch is null)
        {
            _keys.Remove(id);
        }
    }

    private VNodeFailure Failure(string operation, byte[] storageKey, Exception error, long requestId) =>
        new(_node, _partition, $"{operation} of key {Convert.ToHexString(storageKey)} in partition {_partition} on {_node} failed: {error.Message}")
        {
            RequestId = requestId,
        };

    // Reap requests come from no coordinator that waits by id.
    private static long RequestIdOf(object request) => request is IReplicaRequest replica ? replica.RequestId : 0;

    private sealed class KeyState(byte[] storageKey)
    {
        public byte[] StorageKey { get; } = storageKey;

        // The version last handed to the journal (or loaded); null until loaded.
        public SiblingSet? Latest { get; set; }

        public bool Loading { get; set; }

        public int InFlight { get; set; }

        public Queue<PendingWrite> Waiting { get; } = new();

        // A write that needs an epoch not leased yet; the key's later writes wait behind it.
        public PendingWrite? AwaitingEpoch { get; set; }

        // Buffered writes of the key acknowledged but not yet durable; while any is, reads come from Latest.
        public int Buffered { get; set; }
    }

    private sealed record PendingWrite(object Request, IActorRef ReplyTo);

    private sealed record Loaded(string Id, byte[]? Bytes, Exception? Error) : INoSerializationVerificationNeeded;

    // Carries actor refs and replies and never leaves the node.
    private sealed record Persisted(string Id, IActorRef ReplyTo, object Reply) : INoSerializationVerificationNeeded
    {
        // The write was a buffered one, answered when it was handed to the journal.
        public bool Acknowledged { get; init; }
    }
}
