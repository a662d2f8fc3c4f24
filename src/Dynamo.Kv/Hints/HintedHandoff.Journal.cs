using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Hints;

/// <summary>The journal side: recovery of the hints, snapshots that keep the journal bounded, and journal failures.</summary>
public sealed partial class HintedHandoff
{
    private long _eventsSinceSnapshot;

    private void RecoverHints()
    {
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is not HintSnapshot snapshot) return;
            _hints.Clear();
            foreach (var hint in snapshot.Hints) _hints.Add(hint);
            _nextId = Math.Max(_nextId, snapshot.NextId);
            _eventsSinceSnapshot = 0;
        });
        Recover<HintAdded>(hint =>
        {
            _hints.Add(hint);
            _nextId = Math.Max(_nextId, hint.Id + 1);
            _eventsSinceSnapshot++;
        });
        Recover<HintsDelivered>(delivered =>
        {
            _hints.Remove(delivered.Ids);
            _eventsSinceSnapshot++;
        });
        Recover<RecoveryCompleted>(_ =>
        {
            _metrics.SetHintsPending(_hints.Count);
            // Check at once, so hints left by an earlier run are delivered without waiting a period.
            Self.Tell(Check.Instance, Self);
            Timers.StartPeriodicTimer(Check.Instance, Check.Instance, _settings.CheckInterval);
            _ringSource?.Tell(RingWanted.Instance, Self);
        });
    }

    private void CommandJournal()
    {
        // Everything before a snapshot is in it: the events and older snapshots go, so the journal holds at most
        // about snapshot-every events, however many hints passed through.
        Command<SaveSnapshotSuccess>(success =>
        {
            DeleteMessages(success.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failure =>
            Context.System.Log.Warning("The hinted handoff of {0} could not save a snapshot ({1}); the journal keeps its events until the next one.",
                _node, failure.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure =>
            Context.System.Log.Warning("The hinted handoff of {0} could not delete events before its snapshot ({1}); the next snapshot tries again.",
                _node, failure.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure =>
            Context.System.Log.Warning("The hinted handoff of {0} could not delete older snapshots ({1}).", _node, failure.Cause.Message));
    }

    // Snapshots bound recovery and, with the deletions they allow, the journal.
    private void CountEvent()
    {
        // Every event adds or releases hints: the level changes with each.
        _metrics.SetHintsPending(_hints.Count);
        if (++_eventsSinceSnapshot < _settings.SnapshotEvery) return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(new HintSnapshot(_nextId, _hints.All()));
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The actor stops after this (Akka.Persistence's rule), so no write waiting for the journal will be
        // acknowledged: each is told now rather than left to time out. A hint the journal did keep is delivered later
        // all the same, which is harmless.
        foreach (var waiting in _storing.Values)
        {
            waiting.ReplyTo.Tell(StoreFailed(waiting, $"the journal failed: {cause.Message}"), Self);
        }
        _storing.Clear();
        Context.System.Log.Error(cause, "The hinted handoff of {0} stops: the journal failed event {1}; it starts again after a backoff.", _node, sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // A rejected event was not written and the actor goes on.
        switch (@event)
        {
            case HintAdded hint when _storing.Remove(hint.Id, out var waiting):
                waiting.ReplyTo.Tell(StoreFailed(waiting, $"the journal rejected it: {cause.Message}"), Self);
                break;
            case HintsDelivered when _releasingFor is { } owner:
                // The hints stay and are delivered again; the owner merges the copies as no-ops.
                _releasingFor = null;
                var delivery = _owners[owner];
                delivery.Fail($"the journal rejected the release of delivered hints: {cause.Message}");
                FinishBatch(owner, delivery);
                break;
        }
        Context.System.Log.Warning("The hinted handoff of {0}: the journal rejected event {1}: {2}", _node, sequenceNr, cause.Message);
    }

    private VNodeFailure StoreFailed(WaitingPut waiting, string problem) =>
        new(_node, waiting.Partition, $"storing a hint for {waiting.Owner} (partition {waiting.Partition}) on {_node} failed: {problem}") { RequestId = waiting.RequestId };
}
