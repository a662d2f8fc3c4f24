using Dynamo.Protocol;

namespace Dynamo.Kv.Coordination;

/// <summary>Builds the <see cref="KvFailure"/> replies, each with a message naming the problem.</summary>
internal static class KvFailures
{
    public static KvFailure QuorumNotMet(int answered, int needed, bool outcomeUnknown, string what) => new()
    {
        Message = $"{what}: {answered} of {needed} needed replicas answered"
            + (outcomeUnknown ? "; the outcome is unknown, the write may have been stored" : ""),
        QuorumNotMet = new Protocol.QuorumNotMet { Answered = (uint)answered, Needed = (uint)needed, OutcomeUnknown = outcomeUnknown },
    };

    public static KvFailure Timeout(TimeSpan timeout, string what) => new()
    {
        Message = $"{what}: no replica answered within {timeout.TotalMilliseconds:0} ms; the outcome is unknown, the write may have been stored",
        Timeout = new Protocol.Timeout { TimeoutMs = (uint)Math.Min(uint.MaxValue, timeout.TotalMilliseconds) },
    };

    public static KvFailure InvalidContext(string reason) => new()
    {
        Message = $"invalid context: {reason}",
        InvalidContext = new Protocol.InvalidContext { Reason = reason },
    };

    public static KvFailure ValueTooLarge(long size, long maxSize) => new()
    {
        Message = $"value of {size} bytes exceeds the maximum of {maxSize} bytes",
        ValueTooLarge = new Protocol.ValueTooLarge { Size = (ulong)size, MaxSize = (ulong)maxSize },
    };

    public static KvFailure TooManySiblings(int siblings, int maxSiblings, string what) => new()
    {
        Message = $"{what}: would leave {siblings} siblings, more than the maximum of {maxSiblings}; read, reconcile and write with the merged context",
        TooManySiblings = new Protocol.TooManySiblings { Siblings = (uint)siblings, MaxSiblings = (uint)maxSiblings },
    };

    public static KvFailure InvalidRequest(string reason) => new()
    {
        Message = $"invalid request: {reason}",
        InvalidRequest = new Protocol.InvalidRequest { Reason = reason },
    };

    // No reason a client could act on (the node itself failed): the HTTP API answers 500 with the message.
    public static KvFailure Failed(string what) => new() { Message = what };
}
