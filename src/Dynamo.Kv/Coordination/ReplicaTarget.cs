using Dynamo.Actors;

namespace Dynamo.Kv.Coordination;

/// <summary>One replica of a preference list: the node and how to reach its vnode for the key's partition.</summary>
/// <param name="Node">The node id.</param>
/// <param name="Partition">The partition index whose vnode holds the replica.</param>
/// <param name="VNode">The vnode (a local or remote reference, or a selection by path).</param>
public sealed record ReplicaTarget(string Node, int Partition, ICanTell VNode);
