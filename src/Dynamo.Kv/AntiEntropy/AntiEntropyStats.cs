using System.Collections.Immutable;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>What a node's anti-entropy did since it started.</summary>
/// <param name="Node">The node.</param>
/// <param name="ExchangesCompleted">Exchanges that compared both trees and had every repair acknowledged.</param>
/// <param name="ExchangesFailed">Exchanges that failed or timed out (retried at a later turn).</param>
/// <param name="KeysRepaired">Keys sent to a replica that lacked some of their versions.</param>
/// <param name="HashesExchanged">Tree hashes received from peers.</param>
/// <param name="LastExchange">Per local partition, when an exchange of one of its ranges last completed.</param>
public sealed record AntiEntropyStats(
    string Node,
    long ExchangesCompleted,
    long ExchangesFailed,
    long KeysRepaired,
    long HashesExchanged,
    ImmutableSortedDictionary<int, DateTimeOffset> LastExchange);
