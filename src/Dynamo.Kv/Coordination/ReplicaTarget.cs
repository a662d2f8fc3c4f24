using Akka.Actor;
using Dynamo.Kv.Placement;

namespace Dynamo.Kv.Coordination;

/// <summary>One replica of a preference list: the node and how to reach its vnode for the key's partition.</summary>
/// <param name="Node">The node id.</param>
/// <param name="Partition">The partition index whose vnode holds the replica.</param>
/// <param name="VNode">The vnode (a local or remote reference, or a selection by path).</param>
public sealed record ReplicaTarget(string Node, int Partition, ICanTell VNode)
{
    /// <summary>
    /// For a fallback (sloppy quorum), the unreachable owner it stands in for, and <see cref="VNode"/> is
    /// then the fallback node's hinted handoff; null for a primary.
    /// </summary>
    public string? StandsInFor { get; init; }

    /// <summary>Whether this replica is one of the key's owners rather than a fallback.</summary>
    public bool IsPrimary => StandsInFor is null;

    /// <summary>
    /// <paramref name="vnode"/> answered a request sent to this replica: a replica reached through the shard region
    /// sends later requests straight to it (see <see cref="ShardedReplica"/>).
    /// </summary>
    public void AnsweredBy(IActorRef vnode)
    {
        if (VNode is ShardedReplica sharded) sharded.AnsweredBy(vnode);
    }
}
