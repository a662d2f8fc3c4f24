namespace Dynamo.Kv.VNodes;

/// <summary>The answer to <see cref="ReapTombstone"/>, once the removal is durable or was declined.</summary>
/// <param name="Node">The replica's node id.</param>
/// <param name="Partition">The replica's partition index.</param>
/// <param name="Reaped">True when the tombstone was removed; false when the replica stores something else now.</param>
public sealed record TombstoneReaped(string Node, int Partition, bool Reaped);
