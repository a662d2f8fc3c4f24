using Dynamo.Protocol;

namespace Dynamo.Kv.Coordination;

/// <summary>The strict write quorum pw: acknowledgements from fallbacks count toward W, never toward pw.</summary>
public sealed partial class PutCoordinator
{
    // Refuses at once, storing nothing, when too few primaries are reachable for pw.
    private bool PrimariesCanAcknowledge()
    {
        if (_tally.PrimaryReplicas >= _plan.PW)
        {
            return true;
        }
        Reply(PrimaryQuorumFailure(outcomeUnknown: false));
        return false;
    }

    private KvFailure PrimaryQuorumFailure(bool outcomeUnknown) =>
        StrictQuorumFailures.PrimariesNotMet(What, "pw", _tally.PrimariesSucceeded, _plan.PW, _tally.PrimaryReplicas, outcomeUnknown);
}
