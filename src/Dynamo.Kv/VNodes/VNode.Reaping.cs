using Akka.Actor;
using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>Tombstone reaping: removing a delete marker from storage once every primary holds it.</summary>
public sealed partial class VNode
{
    private void ReceiveReaping() =>
        Receive<ReapTombstone>(m => Write(m.Bucket, m.Key, m));

    // Runs in the key's write order, so it compares against writes still being persisted, and
    // storage applies the removal after them.
    private void Reap(string id, KeyState state, PendingWrite pending, ReapTombstone reap)
    {
        var current = state.Latest!;
        if (!current.IsDeleted || !current.Equals(reap.Tombstone))
        {
            pending.ReplyTo.Tell(new TombstoneReaped(_node, _partition, false), Self);
            Release(id, state);
            return;
        }

        TrackTreeWrite(id, state.StorageKey, current, SiblingSet.Empty);
        state.Latest = SiblingSet.Empty;
        state.InFlight++;
        var reply = new TombstoneReaped(_node, _partition, true);
        _ = _store.DeleteAsync(_partition, [state.StorageKey]).PipeTo(
            Self,
            success: _ => new Persisted(id, pending.ReplyTo, reply, null),
            failure: e => new Persisted(id, pending.ReplyTo, reply, e));
    }
}
