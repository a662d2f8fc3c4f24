using Dynamo.Protocol;

namespace Dynamo.Kv.Diagnostics;

/// <summary>The outcome a client request is counted under in <see cref="KvMetrics.Requests"/>, named from its reply.</summary>
public static class RequestOutcome
{
    /// <summary>The read found the key, or the write was acknowledged by its quorum.</summary>
    public const string Ok = "ok";

    /// <summary>The read found no live value (absent or deleted).</summary>
    public const string NotFound = "not_found";

    /// <summary>Too few replicas answered, and nothing was stored (a read, or a write refused before storing).</summary>
    public const string QuorumFailed = "quorum_failed";

    /// <summary>A write lacked its quorum after some replicas may have stored it.</summary>
    public const string Unknown = "unknown";

    /// <summary>Not even the coordinating replica answered in time.</summary>
    public const string Timeout = "timeout";

    /// <summary>The request was refused as invalid: bad quorum, context, key or value size.</summary>
    public const string Invalid = "invalid";

    /// <summary>The write would have left more siblings than the bucket allows.</summary>
    public const string Conflict = "conflict";

    /// <summary>The node failed the request for a reason of its own.</summary>
    public const string Failed = "failed";

    /// <summary>The outcome a reply (<c>GetResult</c>, <c>PutResult</c>, <c>DeleteResult</c> or <c>KvFailure</c>) stands for.</summary>
    public static string Of(object reply) => reply switch
    {
        GetResult { Status: ObjectStatus.Found } => Ok,
        GetResult => NotFound,
        PutResult or DeleteResult => Ok,
        KvFailure { ReasonCase: KvFailure.ReasonOneofCase.QuorumNotMet } f => f.QuorumNotMet.OutcomeUnknown ? Unknown : QuorumFailed,
        KvFailure { ReasonCase: KvFailure.ReasonOneofCase.Timeout } => Timeout,
        KvFailure { ReasonCase: KvFailure.ReasonOneofCase.InvalidContext or KvFailure.ReasonOneofCase.InvalidRequest or KvFailure.ReasonOneofCase.ValueTooLarge } => Invalid,
        KvFailure { ReasonCase: KvFailure.ReasonOneofCase.TooManySiblings } => Conflict,
        _ => Failed,
    };

    /// <summary>Whether <paramref name="outcome"/> is an answer without the request's quorum.</summary>
    public static bool IsQuorumFailure(string outcome) => outcome is QuorumFailed or Unknown or Timeout;
}
