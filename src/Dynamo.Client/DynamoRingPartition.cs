namespace Dynamo.Client;

/// <summary>One partition of the ring and the node that owns it.</summary>
/// <param name="Partition">The partition's index, 0 to Q-1 clockwise.</param>
/// <param name="Owner">The owning node's id.</param>
public sealed record DynamoRingPartition(int Partition, string Owner);
