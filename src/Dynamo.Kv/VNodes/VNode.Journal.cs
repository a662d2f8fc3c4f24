using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace Dynamo.Kv.VNodes;

/// <summary>The vnode's journal: recovery of the index, snapshots, objects read back, and deletion after a handoff.</summary>
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
        Recover<RecoveryCompleted>(_ => LeaseAfterRecovery(_recoveredLease));
    }

    private void CommandJournal()
    {
        Command<SaveSnapshotSuccess>(success =>
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failure =>
            Context.System.Log.Warning("Vnode {0} on {1} could not save a snapshot ({2}); recovery replays more events until the next one.",
                _partition, _node, failure.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => OnDropStep(snapshots: true));
        Command<DeleteSnapshotsFailure>(failure => OnDropFailed("its snapshots", failure.Cause));
        Command<DeleteMessagesSuccess>(_ => OnDropStep(snapshots: false));
        Command<DeleteMessagesFailure>(failure => OnDropFailed("its events", failure.Cause));
        Command<DropReplica>(_ => OnDropReplica());
        Command<HoldsObjects>(_ => Sender.Tell(new ObjectsHeld(_partition, _index.Count), Self));
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

    // Snapshots of the index bound recovery: events before one are never replayed again.
    private void CountEvent()
    {
        if (++_eventsSinceSnapshot < _settings.SnapshotEvery) return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(new VNodeSnapshot(_index.ToSnapshot(), _lease));
    }

    // The object a key holds in the journal: from the cache, else its latest event read back.
    private Task<byte[]?> ReadStored(byte[] storageKey)
    {
        var id = Convert.ToHexString(storageKey);
        if (!_index.TryGet(id, out var sequenceNr)) return Task.FromResult<byte[]?>(null);
        if (_cache.TryGet(_generation, id, sequenceNr, out var cached)) return Task.FromResult<byte[]?>(cached);
        var read = EventReader.Read(Context, Journal, PersistenceId, sequenceNr, sequenceNr, _settings.JournalReadTimeout);
        var cache = _cache;
        var generation = _generation;
        return read.ContinueWith(t =>
        {
            if (t.Result is not [ObjectStored stored])
            {
                throw new InvalidOperationException($"event {sequenceNr} of key {id} is no longer in the journal");
            }
            cache.Set(generation, id, sequenceNr, stored.Object);
            return (byte[]?)stored.Object;
        }, TaskScheduler.Default);
    }

    // Handed off: delete every event and snapshot, then answer. Only the ring manager's transfer asks, and only once the receiver confirmed.
    private void OnDropReplica()
    {
        if (_dropping is not null)
        {
            _dropping = _dropping with { ReplyTo = Sender };
            return;
        }
        _dropping = new DropRequest(Sender, EventsDeleted: false, SnapshotsDeleted: false);
        DeleteMessages(LastSequenceNr);
        DeleteSnapshots(new SnapshotSelectionCriteria(long.MaxValue));
    }

    private void OnDropStep(bool snapshots)
    {
        if (_dropping is null) return;
        _dropping = snapshots ? _dropping with { SnapshotsDeleted = true } : _dropping with { EventsDeleted = true };
        if (!_dropping.EventsDeleted || !_dropping.SnapshotsDeleted) return;
        _index.Clear();
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

    private sealed record DropRequest(IActorRef ReplyTo, bool EventsDeleted, bool SnapshotsDeleted);
}
