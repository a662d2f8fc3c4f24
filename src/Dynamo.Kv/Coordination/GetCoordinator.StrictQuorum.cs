using Dynamo.Protocol;

namespace Dynamo.Kv.Coordination;

/// <summary>The strict read quorum pr: answers from fallbacks count toward R, never toward pr.</summary>
public sealed partial class GetCoordinator
{
    // Refuses at once when too few primaries are reachable for pr.
    private bool PrimariesCanAnswer()
    {
        if (_tally.PrimaryReplicas >= _plan.PR)
        {
            return true;
        }
        Reply(PrimaryQuorumFailure());
        return false;
    }

    private KvFailure PrimaryQuorumFailure() =>
        StrictQuorumFailures.PrimariesNotMet(What, "pr", _tally.PrimariesSucceeded, _plan.PR, _tally.PrimaryReplicas, outcomeUnknown: false);
}
