using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// Journal compaction, bitcask's merge: a write supersedes its key's earlier event, which stays in the journal as
/// garbage because live keys' objects sit among the old events. Once the garbage passes
/// <see cref="VNodeSettings.CompactionMinEvents"/> and <see cref="VNodeSettings.CompactionGarbageRatio"/> times the
/// live keys, the vnode copies every live object that only old events hold to a new event, saves a snapshot of its
/// index, and deletes the old events, while it keeps serving.
/// </summary>
/// <remarks>
/// <para>
/// The invariant: the newest snapshot and the events after it rebuild the index, and every live key's latest event is
/// in the journal at the sequence number the index names. A compaction with cut C (the last confirmed sequence number
/// when it starts, so every event after C is one it keeps) holds it step by step:
/// </para>
/// <list type="number">
/// <item><description>It reads the events from the previous cut to C a page at a time. Every live key's latest event is
/// above the previous cut (the previous compaction moved them all above it), so the pages hold each live key whose
/// latest event is at most C.</description></item>
/// <item><description>For each <see cref="ObjectStored"/> that is still its key's latest event when the page is handled,
/// and whose key has no write in flight, it persists the same object again (after C). A key with a write in flight
/// gets that write's event, after C; copying it would put the old object after the new one in the journal. The
/// index moves to the copy only if it still names the original when the copy is confirmed: a client write since
/// wins.</description></item>
/// <item><description>Each page's copies, and every write issued before them, are confirmed before the next page is read
/// (<c>DeferAsync</c>), so memory holds one page; after the last page, no live key's latest event is at or below C.
/// Only then is a snapshot of the index saved.</description></item>
/// <item><description>Only once that snapshot is saved are the events up to C deleted (and older snapshots):
/// recovery starts at the snapshot and replays only events after it, none of them at or below C.</description></item>
/// </list>
/// <para>
/// A crash before the deletion leaves every old event where it was (the copies are duplicates recovery takes as the
/// latest); a crash after it leaves the snapshot. The epoch lease and the progress of incoming transfers are in every
/// snapshot, so their events may go too.
/// A read started at a sequence number just deleted finds nothing and looks the key up again (VNode.Journal.cs).
/// Handing the replica off (<see cref="DropReplica"/>) aborts a compaction and deletes only once it has stopped.
/// </para>
/// </remarks>
public sealed partial class VNode
{
    // What one journal query of a compaction may bring back: about this many object bytes, in a number of events
    // between the bounds below (objects go up to max-value-size, 1 MiB by default). The first page is small, and
    // each next one is sized by the objects of the one before.
    private const long CompactionPageBytes = 4L * 1024 * 1024;
    private const int MinCompactionPage = 16;
    private const int FirstCompactionPage = 64;
    private const int MaxCompactionPage = 1000;

    private Compaction? _compaction;
    private int _compactionIds;

    // Events up to here are deleted, or are garbage below every live key's latest event.
    private long _compactedTo;

    // After a failed step no compaction starts before this sequence number, so a journal that keeps failing is not asked after every write.
    private long _compactionNotBefore;

    private long _compactions;
    private long _compactionFailures;
    private long _objectsRewritten;
    private long _eventsDeleted;

    private void CommandCompaction()
    {
        Command<CompactionPage>(OnCompactionPage);
        Command<GetCompactionStats>(_ => Sender.Tell(
            new CompactionStats(_partition, _compactions, _compactionFailures, _objectsRewritten, _eventsDeleted, _compactedTo, LastSequenceNr, _compaction is not null), Self));
    }

    // A recovered vnode does not know its last cut: every event below its lowest live key is deleted or garbage.
    private void RecoverCompactedTo()
    {
        long lowest = LastSequenceNr + 1;
        foreach (var (_, sequenceNr) in _index.Keys()) lowest = Math.Min(lowest, sequenceNr);
        _compactedTo = lowest - 1;
    }

    // Garbage: events since the cut that are no live key's latest (an upper bound: the copies of a compaction count as live).
    private void CompactIfDue()
    {
        if (_compaction is not null || _dropping is not null || LastSequenceNr < _compactionNotBefore) return;
        var live = _index.Count;
        var garbage = LastSequenceNr - _compactedTo - live;
        if (garbage < _settings.CompactionMinEvents || garbage < _settings.CompactionGarbageRatio * live) return;
        var compaction = new Compaction(++_compactionIds, LastSequenceNr) { Next = _compactedTo + 1 };
        _compaction = compaction;
        Context.System.Log.Debug("Vnode {0} on {1} compacts its journal up to event {2}: {3} garbage events, {4} live keys.",
            _partition, _node, compaction.Cut, garbage, live);
        ReadCompactionPage(compaction);
    }

    private void ReadCompactionPage(Compaction compaction)
    {
        if (compaction.Next > compaction.Cut)
        {
            SaveCompactionSnapshot(compaction);
            return;
        }
        var id = compaction.Id;
        _ = EventReader.ReadPersistent(Context, Journal, PersistenceId, compaction.Next, compaction.Cut, compaction.PageSize, _settings.JournalReadTimeout)
            .PipeTo(Self, success: events => new CompactionPage(id, events, null), failure: e => new CompactionPage(id, [], e));
    }

    private void OnCompactionPage(CompactionPage page)
    {
        if (_compaction is not { } compaction || compaction.Id != page.CompactionId) return;
        if (compaction.Aborted)
        {
            EndCompaction();
            return;
        }
        if (page.Error is not null)
        {
            FailCompaction(compaction, "reading its journal", page.Error);
            return;
        }
        long bytes = 0;
        foreach (var e in page.Events)
        {
            if (e.Payload is not ObjectStored stored) continue;
            bytes += stored.Object.Length + stored.StorageKey.Length;
            CopyIfLatest(e.SequenceNr, stored);
        }
        if (page.Events.Count > 0)
        {
            var perEvent = Math.Max(1, bytes / page.Events.Count);
            compaction.PageSize = (int)Math.Clamp(CompactionPageBytes / perEvent, MinCompactionPage, MaxCompactionPage);
        }
        // Deleted events are skipped by the journal, so a page ends where the last event read does; an empty one ends the range.
        compaction.Next = page.Events.Count == 0 ? compaction.Cut + 1 : page.Events[^1].SequenceNr + 1;
        DeferAsync(compaction.Id, _ => ContinueCompaction(compaction));
    }

    private void CopyIfLatest(long sequenceNr, ObjectStored stored)
    {
        var id = Convert.ToHexString(stored.StorageKey);
        if (!_index.TryGet(id, out var latest) || latest != sequenceNr) return;
        if (_keys.TryGetValue(id, out var state) && state.InFlight > 0) return;
        // A key with a write in flight is left to that write, whose event comes after the cut: a copy issued now would
        // follow it in the journal, and a recovery replaying both (a crash before the snapshot) would take the old object.
        var bytes = stored.Object;
        PersistAsync(new ObjectStored(stored.StorageKey, bytes), _ =>
        {
            if (_index.TryGet(id, out var now) && now == sequenceNr)
            {
                _index.Stored(id, LastSequenceNr, bytes);
                _cache.Set(_generation, id, LastSequenceNr, bytes);
                _objectsRewritten++;
            }
            CountEvent();
        });
    }

    // Runs once the page's copies, and every write issued before them, are confirmed.
    private void ContinueCompaction(Compaction compaction)
    {
        if (_compaction != compaction) return;
        if (compaction.Aborted)
        {
            EndCompaction();
            return;
        }
        ReadCompactionPage(compaction);
    }

    private void SaveCompactionSnapshot(Compaction compaction)
    {
        compaction.SnapshotAt = LastSequenceNr;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(Snapshot());
    }

    // Any snapshot at or after the compaction's own was taken of an index with every live key above the cut.
    private void OnCompactionSnapshotSaved(SnapshotMetadata metadata)
    {
        if (_compaction is not { SnapshotAt: { } at } compaction || metadata.SequenceNr < at || compaction.Deleting) return;
        if (compaction.Aborted)
        {
            EndCompaction();
            return;
        }
        compaction.Deleting = true;
        DeleteMessages(compaction.Cut);
    }

    private void OnCompactionSnapshotFailed(SnapshotMetadata metadata, Exception cause)
    {
        if (_compaction is { SnapshotAt: { } at, Deleting: false } compaction && metadata.SequenceNr >= at)
        {
            FailCompaction(compaction, "saving its snapshot", cause);
        }
    }

    // True when the deletion was the compaction's.
    private bool OnCompactionDeleted(long toSequenceNr)
    {
        if (_compaction is not { Deleting: true } compaction || toSequenceNr != compaction.Cut) return false;
        _compactions++;
        _eventsDeleted += compaction.Cut - _compactedTo;
        _compactedTo = compaction.Cut;
        EndCompaction();
        // Writes kept coming while it ran: as much garbage as a trigger may be waiting already.
        CompactIfDue();
        return true;
    }

    private bool OnCompactionDeleteFailed(long toSequenceNr, Exception cause)
    {
        if (_compaction is not { Deleting: true } compaction || toSequenceNr != compaction.Cut) return false;
        FailCompaction(compaction, "deleting its old events", cause);
        return true;
    }

    // Nothing is lost: the old events stay until a later compaction deletes them.
    private void FailCompaction(Compaction compaction, string step, Exception cause)
    {
        Context.System.Log.Warning("Vnode {0} on {1} could not compact its journal up to event {2} ({3} failed: {4}); it tries again later.",
            _partition, _node, compaction.Cut, step, cause.Message);
        _compactionNotBefore = LastSequenceNr + _settings.CompactionMinEvents;
        _compactionFailures++;
        EndCompaction();
    }

    private void EndCompaction()
    {
        _compaction = null;
        if (_dropping is { Started: false }) StartDrop();
    }

    // Stops the compaction at its next step; false when none runs, so a drop may start at once.
    private bool AbortCompaction()
    {
        if (_compaction is null) return false;
        _compaction.Aborted = true;
        return true;
    }

    private sealed class Compaction(int id, long cut)
    {
        public int Id { get; } = id;

        public long Cut { get; } = cut;

        // The first sequence number not read yet.
        public long Next { get; set; }

        // Events the next journal query asks for.
        public int PageSize { get; set; } = FirstCompactionPage;

        // The last confirmed sequence number when the compaction's snapshot was asked for; null before.
        public long? SnapshotAt { get; set; }

        public bool Deleting { get; set; }

        public bool Aborted { get; set; }
    }

    private sealed record CompactionPage(int CompactionId, IReadOnlyList<IPersistentRepresentation> Events, Exception? Error) : INoSerializationVerificationNeeded;
}
