using Dynamo.Protocol;

namespace Dynamo.Kv.Coordination;

/// <summary>The strict read quorum pr: answers from fallbacks count toward R, never toward pr.</summary>
public sealed partial class GetCoordinator
{
    private int PrimaryTargets => _plan.Replicas.Count(r => r.IsPrimary);

    private int PrimariesAnswered => _answers.Keys.Count(IsPrimary);

    private bool PrimaryQuorumMet => PrimariesAnswered >= _plan.PR;

    private bool PrimaryQuorumReachable =>
        PrimariesAnswered + (PrimaryTargets - PrimariesAnswered - _failed.Count(IsPrimary)) >= _plan.PR;

    private bool IsPrimary(string node) => _plan.Replicas.Any(r => r.Node == node && r.IsPrimary);

    // Refuses at once when too few primaries are reachable for pr.
    private bool PrimariesCanAnswer()
    {
        if (PrimaryTargets >= _plan.PR)
        {
            return true;
        }
        _replied = true;
        _client.Tell(PrimaryQuorumFailure(), Self);
        return false;
    }

    private KvFailure PrimaryQuorumFailure() =>
        StrictQuorumFailures.PrimariesNotMet(What, "pr", PrimariesAnswered, _plan.PR, PrimaryTargets, outcomeUnknown: false);
}
