namespace Dynamo.Client;

/// <summary>One partition of the ring, the node that owns it, and the node that runs its vnode entity.</summary>
/// <param name="Partition">The partition's index, 0 to Q-1 clockwise.</param>
/// <param name="Owner">The owning node's id.</param>
/// <param name="Host">
/// The node whose Cluster.Sharding region runs the partition's vnode entity, as the regions report it; null when no
/// region hosts it yet, or on a single-node store, whose partitions are not sharded. Differs from the owner while the
/// partition's data is being handed off to it.
/// </param>
public sealed record DynamoRingPartition(int Partition, string Owner, string? Host = null);
