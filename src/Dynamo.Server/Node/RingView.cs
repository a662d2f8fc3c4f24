using System.Collections.Immutable;

namespace Dynamo.Server.Node;

/// <summary>The ring a node routes by.</summary>
/// <param name="PartitionCount">Partitions of the ring (Q).</param>
/// <param name="Owners">The owning node id of each partition, indexed by partition.</param>
public sealed record RingView(int PartitionCount, ImmutableArray<string> Owners);
