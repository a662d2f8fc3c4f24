using Dynamo.Protocol;

namespace Dynamo.Kv.Coordination;

/// <summary>The strict write quorum pw: acknowledgements from fallbacks count toward W, never toward pw.</summary>
public sealed partial class PutCoordinator
{
    // The coordinating replica is always a primary: the router coordinates only on one.
    private int PrimaryTargets => 1 + _plan.Remotes.Count(r => r.IsPrimary);

    private int PrimariesAcked => _acked.Count(IsPrimary);

    private bool PrimaryQuorumMet => PrimariesAcked >= _plan.PW;

    private bool PrimaryQuorumReachable =>
        PrimariesAcked + (PrimaryTargets - PrimariesAcked - _failed.Count(IsPrimary)) >= _plan.PW;

    private bool IsPrimary(string node) => node == _plan.Local.Node || _plan.Remotes.Any(r => r.Node == node && r.IsPrimary);

    // Refuses at once, storing nothing, when too few primaries are reachable for pw.
    private bool PrimariesCanAcknowledge()
    {
        if (PrimaryTargets >= _plan.PW)
        {
            return true;
        }
        Reply(PrimaryQuorumFailure(outcomeUnknown: false));
        return false;
    }

    private KvFailure PrimaryQuorumFailure(bool outcomeUnknown) =>
        StrictQuorumFailures.PrimariesNotMet(What, "pw", PrimariesAcked, _plan.PW, PrimaryTargets, outcomeUnknown);
}
