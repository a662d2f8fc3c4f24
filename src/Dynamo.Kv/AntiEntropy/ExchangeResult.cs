using Akka.Actor;
namespace Dynamo.Kv.AntiEntropy;

/// <summary>How one exchange ended.</summary>
/// <param name="Exchange">The exchange.</param>
/// <param name="HashesExchanged">Tree hashes received from the peer.</param>
/// <param name="SegmentsDiffering">Leaf segments whose hashes differed.</param>
/// <param name="KeysRepaired">Keys sent to at least one side because the sides differed.</param>
/// <param name="Error">Why the exchange failed, or null when it completed.</param>
public sealed record ExchangeResult(StartExchange Exchange, long HashesExchanged, int SegmentsDiffering, int KeysRepaired, string? Error) : INoSerializationVerificationNeeded
{
    /// <summary>True when both trees were compared and every repair was acknowledged durably.</summary>
    public bool Completed => Error is null;
}
