namespace Dynamo.Client;

/// <summary>The <c>hints</c> section of <c>GET /stats</c>: what the node's hinted handoff did since it started, and what waits.</summary>
/// <param name="Stored">Hints stored since start (writes this node took as a fallback for an unreachable owner).</param>
/// <param name="Delivered">Hints delivered to their owner since start.</param>
/// <param name="FailedBatches">Delivery batches that failed or timed out since start (each is retried).</param>
/// <param name="PendingTotal">Hints waiting for all owners together.</param>
/// <param name="Pending">Hints waiting per owner; owners with none are left out.</param>
public sealed record DynamoHintStats(long Stored, long Delivered, long FailedBatches, long PendingTotal, IReadOnlyDictionary<string, long> Pending);
