using Akka.Actor;
using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>Tombstone reaping: an <see cref="ObjectReaped"/> event once every primary holds the delete marker.</summary>
/// <remarks>
/// A vnode that hands its partition off, or was started only to see what its journal holds (it may be handed off
/// next), keeps its tombstones until told that it serves the partition (<see cref="ServePartition"/>). While a
/// partition moves, its objects live in two places: the new owner may hold an older version from the fold, and only
/// this tombstone, sent as a key written meanwhile, supersedes it there. Reaped here, the key would be gone from the
/// old owner's index, nothing would be sent, and the older version would come back once the new owner serves. A
/// tombstone kept costs only its space; a later delete of the key reaps it.
/// </remarks>
public sealed partial class VNode
{
    private void CommandReaping() =>
        Command<ReapTombstone>(m => Write(m.Bucket, m.Key, m));

    // Runs in the key's write order, so it compares against writes still being persisted, and the
    // journal confirms the removal after them.
    private void Reap(string id, KeyState state, PendingWrite pending, ReapTombstone reap)
    {
        var current = state.Latest!;
        if (_outgoing is not null || !_owner || !current.IsDeleted || !current.Equals(reap.Tombstone))
        {
            pending.ReplyTo.Tell(new TombstoneReaped(_node, _partition, false), Self);
            Release(id, state);
            return;
        }

        TrackTreeWrite(id, state.StorageKey, current, SiblingSet.Empty);
        state.Latest = SiblingSet.Empty;
        state.InFlight++;
        var replyTo = pending.ReplyTo;
        PersistAsync(new ObjectReaped(state.StorageKey), _ =>
        {
            _index.Reaped(id);
            _cache.Remove(_generation, id);
            OnPersisted(new Persisted(id, replyTo, new TombstoneReaped(_node, _partition, true)));
            CountEvent();
        });
    }
}
