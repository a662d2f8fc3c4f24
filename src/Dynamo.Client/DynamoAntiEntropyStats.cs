namespace Dynamo.Client;

/// <summary>The <c>antiEntropy</c> section of <c>GET /stats</c>: what the node's hash-tree exchanges did since it started.</summary>
/// <param name="ExchangesCompleted">Exchanges that compared both trees and had every repair acknowledged.</param>
/// <param name="ExchangesFailed">Exchanges that failed or timed out.</param>
/// <param name="KeysRepaired">Keys sent to a replica that lacked some of their versions.</param>
/// <param name="HashesExchanged">Tree hashes received from peers.</param>
/// <param name="LastExchangeAgeSeconds">Per local partition (as text), seconds since an exchange of one of its ranges last completed.</param>
public sealed record DynamoAntiEntropyStats(
    long ExchangesCompleted,
    long ExchangesFailed,
    long KeysRepaired,
    long HashesExchanged,
    IReadOnlyDictionary<string, double> LastExchangeAgeSeconds);
