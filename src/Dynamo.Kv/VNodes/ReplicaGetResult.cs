using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>What a replica stores for a key; <see cref="SiblingSet.Empty"/> when it holds nothing.</summary>
/// <param name="Node">The replica's node id.</param>
/// <param name="Partition">The replica's partition index.</param>
/// <param name="Object">The stored object, tombstones included.</param>
public sealed record ReplicaGetResult(string Node, int Partition, SiblingSet Object);
