namespace Dynamo.Client;

/// <summary>
/// A write whose outcome nobody can tell the client: it was sent, but no answer came in time (from the node, or to the
/// node from the replicas), or the connection to the node was lost before it answered. It may have been stored, on
/// some replicas or all: read the key before writing again, and write with the context that read returns.
/// <see cref="DynamoException.OutcomeUnknown"/> is always true. A missed quorum after some replica stored the write is
/// a <see cref="DynamoQuorumException"/> with the same flag, as it also says how many replicas answered.
/// </summary>
public sealed class DynamoOutcomeUnknownException : DynamoException
{
    /// <summary>The wording every message of an unknown outcome carries, which logs and tools search for.</summary>
    public const string UnknownOutcome = "unknown outcome: the write may have been stored";

    /// <summary>An unknown outcome, with <paramref name="detail"/> saying what the client last knew of the request.</summary>
    public DynamoOutcomeUnknownException(string detail)
        : base(detail.Contains("unknown outcome", StringComparison.OrdinalIgnoreCase) ? detail : $"{detail}; {UnknownOutcome}", outcomeUnknown: true)
    {
        Detail = detail;
    }

    /// <summary>What happened to the request: the timeout that passed, or the failure that ended the wait.</summary>
    public string Detail { get; }
}
