namespace Dynamo.Server.Node;

/// <summary>Facts about a node shown next to the request statistics.</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="StoragePlugin">The storage plugin it runs (memory, sqlite, postgresql).</param>
/// <param name="OwnedPartitions">Partitions it owns in its current ring.</param>
/// <param name="StartedAt">When the node started.</param>
public sealed record NodeStats(string NodeId, string StoragePlugin, int OwnedPartitions, DateTimeOffset StartedAt);
