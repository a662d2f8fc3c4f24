namespace Dynamo.Client;

/// <summary>Fewer replicas answered than the request's quorum needed.</summary>
public sealed class DynamoQuorumException : DynamoException
{
    /// <summary>A quorum failure; the message says "unknown outcome" when a write may have been stored.</summary>
    public DynamoQuorumException(int answered, int needed, bool outcomeUnknown, string detail)
        : base($"quorum not met: {answered} of {needed} needed replicas answered"
               + (outcomeUnknown ? "; unknown outcome: the write may have been stored" : "")
               + (string.IsNullOrEmpty(detail) ? "" : $" ({detail})"), outcomeUnknown)
    {
        Answered = answered;
        Needed = needed;
    }

    /// <summary>Replicas that answered successfully.</summary>
    public int Answered { get; }

    /// <summary>The quorum the request needed (r or w).</summary>
    public int Needed { get; }
}
