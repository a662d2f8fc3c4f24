namespace Dynamo.Client;

/// <summary>The ring a node routes by: the answer of <c>GET /ring</c>.</summary>
/// <param name="PartitionCount">Partitions of the ring (Q); 0 before the node has a ring.</param>
/// <param name="Partitions">Each partition and its owner, in partition order.</param>
public sealed record DynamoRingView(int PartitionCount, IReadOnlyList<DynamoRingPartition> Partitions);
