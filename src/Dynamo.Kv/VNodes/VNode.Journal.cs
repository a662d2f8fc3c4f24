using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace Dynamo.Kv.VNodes;

/// <summary>The vnode's journal: recovery of the index, snapshots, objects read back, and deletion after a handoff (compaction is in VNode.Compaction.cs).</summary>
public sealed partial class VNode
{
    private VNodeEpoch? _recoveredLease;
    private DropRequest? _dropping;

    private void RecoverReplica()
    {
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is not VNodeSnapshot snapshot) return;
            _index.Restore(snapshot.Entries);
            _recoveredLease = snapshot.Lease;
            RestoreFolds(snapshot.Handoffs);
        });
        Recover<ObjectStored>(stored =>
        {
            var id = Convert.ToHexString(stored.StorageKey);
            _index.Stored(id, LastSequenceNr, stored.Object);
            // Recovery reads every object since the snapshot anyway: keep the newest ones warm.
            _cache.Set(_generation, id, LastSequenceNr, stored.Object);
        });
        Recover<ObjectReaped>(reaped => _index.Reaped(Convert.ToHexString(reaped.StorageKey)));
        Recover<EpochLeased>(leased => _recoveredLease = leased.Lease);
        Recover<RecoveryCompleted>(_ =>
        {
            RecoverCompactedTo();
            LeaseAfterRecovery(_recoveredLease);
        });
    }

    private void CommandJournal()
    {
        Command<SaveSnapshotSuccess>(success =>
        {
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
            OnCompactionSnapshotSaved(success.Metadata);
        });
        Command<SaveSnapshotFailure>(failure =>
        {
            Context.System.Log.Warning("Vnode {0} on {1} could not save a snapshot ({2}); recovery replays more events until the next one.",
                _partition, _node, failure.Cause.Message);
            OnCompactionSnapshotFailed(failure.Metadata, failure.Cause);
        });
        // Only a drop deletes every snapshot; older snapshots deleted after a newer one was saved concern no one.
        Command<DeleteSnapshotsSuccess>(success =>
        {
            if (success.Criteria.MaxSequenceNr == long.MaxValue) OnDropStep(snapshots: true);
        });
        Command<DeleteSnapshotsFailure>(failure =>
        {
            if (failure.Criteria.MaxSequenceNr == long.MaxValue) OnDropFailed("its snapshots", failure.Cause);
        });
        Command<DeleteMessagesSuccess>(success =>
        {
            if (!OnCompactionDeleted(success.ToSequenceNr)) OnDropStep(snapshots: false);
        });
        Command<DeleteMessagesFailure>(failure =>
        {
            if (!OnCompactionDeleteFailed(failure.ToSequenceNr, failure.Cause)) OnDropFailed("its events", failure.Cause);
        });
        Command<DropReplica>(_ => OnDropReplica());
        Command<HoldsObjects>(_ => Sender.Tell(new ObjectsHeld(_partition, _index.Count), Self));
        Command<ReadStoredAgain>(again =>
        {
            var replyTo = Sender;
            _ = ReadStored(again.StorageKey, retry: false).ContinueWith(
                t => replyTo.Tell(t.IsCompletedSuccessfully ? new StoredAgain(t.Result, null) : new StoredAgain(null, t.Exception?.GetBaseException())),
                TaskScheduler.Default);
        });
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        if (_keys.Values.Any(k => k.Buffered > 0)) ObjectBuffer.FailedAfterAck();
        Context.System.Log.Error(cause, "Vnode {0} on {1} stops: the journal failed event {2}; writes in flight have an unknown outcome.", _partition, _node, sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The event never reached the journal, yet later writes of its key already built on it: start over from the journal.
        Context.System.Log.Error(cause, "Vnode {0} on {1} restarts: the journal rejected event {2}.", _partition, _node, sequenceNr);
        throw new InvalidOperationException($"the journal rejected event {sequenceNr} of vnode {_partition}", cause);
    }

    // Snapshots of the index bound recovery: events before one are never replayed again. Every confirmed event may also make compaction due.
    private void CountEvent()
    {
        Diagnostics.KvMetrics.For(Context.System, _node).JournalWrite();
        if (++_eventsSinceSnapshot >= _settings.SnapshotEvery)
        {
            _eventsSinceSnapshot = 0;
            SaveSnapshot(Snapshot());
        }
        CompactIfDue();
    }

    // What recovery starts from: the index, the lease, and how far incoming transfers got.
    private VNodeSnapshot Snapshot() => new(_index.ToSnapshot(), _lease) { Handoffs = FoldsToSnapshot() };

    // The object a key holds in the journal: from the cache, else its latest event read back.
    private Task<byte[]?> ReadStored(byte[] storageKey) => ReadStored(storageKey, retry: true);

    private Task<byte[]?> ReadStored(byte[] storageKey, bool retry)
    {
        var id = Convert.ToHexString(storageKey);
        if (!_index.TryGet(id, out var sequenceNr)) return Task.FromResult<byte[]?>(null);
        if (_cache.TryGet(_generation, id, sequenceNr, out var cached)) return Task.FromResult<byte[]?>(cached);
        var read = EventReader.Read(Context, Journal, PersistenceId, sequenceNr, sequenceNr, _settings.JournalReadTimeout);
        return ReadBack(read, id, sequenceNr, storageKey, retry ? Self : null, _cache, _generation, _settings.JournalReadTimeout);
    }

    // Off the actor: only the arguments are touched. A compaction may have copied the object to a later event and
    // deleted this one since the index was looked up; the vnode then looks the key up again, once.
    private static async Task<byte[]?> ReadBack(
        Task<IReadOnlyList<object>> read, string id, long sequenceNr, byte[] storageKey, IActorRef? lookAgain, ValueCache cache, long generation, TimeSpan timeout)
    {
        if (await read.ConfigureAwait(false) is [ObjectStored stored])
        {
            cache.Set(generation, id, sequenceNr, stored.Object);
            return stored.Object;
        }
        if (lookAgain is null)
        {
            throw new InvalidOperationException($"event {sequenceNr} of key {id} is no longer in the journal");
        }
        var again = await lookAgain.Ask<StoredAgain>(new ReadStoredAgain(storageKey), timeout * 2).ConfigureAwait(false);
        return again.Error is { } error ? throw new InvalidOperationException(error.Message, error) : again.Object;
    }

    // Handed off: delete every event and snapshot, then answer. Only the ring manager's transfer asks, and only once the receiver confirmed.
    private void OnDropReplica()
    {
        if (_dropping is not null)
        {
            _dropping = _dropping with { ReplyTo = Sender };
            return;
        }
        _dropping = new DropRequest(Sender, EventsDeleted: false, SnapshotsDeleted: false, Started: false);
        // A compaction still copying, snapshotting or deleting would interleave its steps with the drop's: it stops
        // at its next step and starts the drop then.
        if (!AbortCompaction()) StartDrop();
    }

    private void StartDrop()
    {
        _dropping = _dropping! with { Started = true };
        // Once every event issued so far is confirmed, so that deleting up to the last sequence number takes them all.
        DeferAsync(_dropping, _ =>
        {
            DeleteMessages(LastSequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(long.MaxValue));
        });
    }

    private void OnDropStep(bool snapshots)
    {
        if (_dropping is null) return;
        _dropping = snapshots ? _dropping with { SnapshotsDeleted = true } : _dropping with { EventsDeleted = true };
        if (!_dropping.EventsDeleted || !_dropping.SnapshotsDeleted) return;
        _index.Clear();
        // The progress of incoming transfers went with the events that recorded it, as did the objects it speaks of.
        _folds.Clear();
        _compactedTo = LastSequenceNr;
        _generation = ValueCache.NewGeneration();
        _dropping.ReplyTo.Tell(new ReplicaDropped(_partition), Self);
        _dropping = null;
    }

    private void OnDropFailed(string what, Exception cause)
    {
        if (_dropping is null) return;
        _dropping.ReplyTo.Tell(new VNodeFailure(_node, _partition, $"deleting {what} of partition {_partition} on {_node} failed: {cause.Message}"), Self);
        _dropping = null;
    }

    private sealed record DropRequest(IActorRef ReplyTo, bool EventsDeleted, bool SnapshotsDeleted, bool Started);

    // A read that found its event deleted asks the vnode to look the key up again; never leaves the node.
    private sealed record ReadStoredAgain(byte[] StorageKey) : INoSerializationVerificationNeeded;

    private sealed record StoredAgain(byte[]? Object, Exception? Error) : INoSerializationVerificationNeeded;
}
