using Dynamo.Protocol;

namespace Dynamo.Kv.Coordination;

/// <summary>Failures of the strict quorums pw and pr, which count primaries only (fallbacks never do).</summary>
internal static class StrictQuorumFailures
{
    public static KvFailure PrimariesNotMet(string what, string name, int answered, int needed, int reachable, bool outcomeUnknown) => new()
    {
        Message = $"{what}: {answered} of {needed} primaries needed by {name} answered ({reachable} primaries reachable)"
            + (outcomeUnknown ? "; the outcome is unknown, the write may have been stored" : ""),
        QuorumNotMet = new QuorumNotMet { Answered = (uint)answered, Needed = (uint)needed, OutcomeUnknown = outcomeUnknown },
    };
}
