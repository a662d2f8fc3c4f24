namespace Dynamo.Client;

/// <summary>The <c>node</c> section of <c>GET /stats</c>: facts about the node that answered.</summary>
/// <param name="NodeId">The node's id in the ring.</param>
/// <param name="StoragePlugin">The storage plugin it runs (memory, sqlite, postgresql).</param>
/// <param name="OwnedPartitions">Partitions it owns in its current ring.</param>
/// <param name="StartedAt">When the node started.</param>
public sealed record DynamoNodeStats(string NodeId, string StoragePlugin, int OwnedPartitions, DateTimeOffset StartedAt);
