using Akka.Actor;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Coordination;

/// <summary>Read repair: the reconciled object goes to every replica that answered without all of it.</summary>
/// <remarks>
/// Runs when the coordinator ends (every replica answered, or the deadline passed), not when the
/// client is answered, so a replica that answers after the reply is repaired too. Repairs are
/// <see cref="ReplicaPut"/>s (hinted puts to fallbacks), which vnodes merge without sibling limits: refusing one would keep a
/// replica stale for ever. A replica that answered not found is not sent an object holding only
/// tombstones: it reads as not found already, and restoring the marker would undo a reap that
/// happened while the read was under way.
/// </remarks>
public sealed partial class GetCoordinator
{
    private void ReadRepair()
    {
        if (_merged.IsEmpty)
        {
            return;
        }
        for (var i = 0; i < _plan.Replicas.Length; i++)
        {
            var replica = _plan.Replicas[i];
            if (_answers[i] is not { } stored || _merged.IsCoveredBy(stored))
            {
                continue;
            }
            if (stored.IsEmpty && _merged.IsDeleted)
            {
                continue;
            }
            // Counted before it is sent, so whoever sees the repair arrive sees it counted.
            if (stored.IsEmpty)
            {
                _plan.Repairs?.Missing();
            }
            else
            {
                _plan.Repairs?.Stale();
            }
            // Nobody as sender and no request id: the coordinator is gone by the time the acknowledgement comes.
            replica.VNode.Tell(ReplicaMessages.Put(replica, _plan.Bucket, _plan.Key, _merged, requestId: 0), ActorRefs.Nobody);
        }
    }
}
