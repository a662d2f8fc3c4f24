using System.Collections.Immutable;

namespace Dynamo.Server.Node;

/// <summary>The ring a node routes by, and where each partition's vnode entity runs.</summary>
/// <param name="PartitionCount">Partitions of the ring (Q).</param>
/// <param name="Owners">The owning node id of each partition, indexed by partition.</param>
/// <param name="Hosts">
/// The node whose Cluster.Sharding region runs each partition's vnode entity (null for one no region hosts yet),
/// indexed by partition, as the shard regions report it; empty where partitions are not sharded (a single-node store).
/// A host other than the owner is a partition whose data is still being handed off to its owner.
/// </param>
public sealed record RingView(int PartitionCount, ImmutableArray<string> Owners, ImmutableArray<string?> Hosts);
