using Akka.Actor;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Coordination;

/// <summary>Tombstone reaping: a delete acknowledged by every primary is reaped from them after the delay.</summary>
/// <remarks>
/// Only primaries count: a fallback's acknowledgement means the primary it stands in for may not
/// hold the tombstone yet, and reaping the others would let that primary's old value come back.
/// When a primary never acknowledges, nothing is reaped; a later delete or anti-entropy can.
/// The reap messages go through the system scheduler, so this coordinator can finish as usual; if
/// its node stops before the delay passed they are lost, which only leaves the tombstone in place.
/// </remarks>
public sealed partial class PutCoordinator
{
    private readonly HashSet<int> _primariesAcked = [];
    private bool _reapScheduled;

    private void ReapWhenAllPrimariesAcked(ReplicaTarget acked)
    {
        if (_plan.Reap is not { } reap || !_plan.IsDelete || _reapScheduled || _object is not { IsDeleted: true } tombstone)
        {
            return;
        }
        if (acked.IsPrimary && reap.Primaries.Contains(acked.Partition))
        {
            _primariesAcked.Add(acked.Partition);
        }
        if (_primariesAcked.Count < reap.Primaries.Length)
        {
            return;
        }

        _reapScheduled = true;
        foreach (var replica in _plan.Remotes.Prepend(_plan.Local).Where(r => r.IsPrimary && reap.Primaries.Contains(r.Partition)))
        {
            Scheduler.ScheduleTellOnce(
                reap.Delay, replica.VNode, new ReapTombstone(_plan.Bucket, _plan.Key, tombstone), ActorRefs.Nobody);
        }
    }
}
