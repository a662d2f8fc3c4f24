using Akka.Actor;
using Akka.Cluster.Sharding;

namespace Dynamo.Kv.Placement;

/// <summary>
/// Starts a member's shard region of vnode entities (type <see cref="TypeName"/>): one shard and one entity per ring
/// partition (<see cref="PartitionMessageExtractor"/>), placed by <see cref="ClaimAllocationStrategy"/>, stopped on a
/// move with <see cref="ReleasePartition"/>, on the members with the store's role only. The other settings come from
/// <c>akka.cluster.sharding</c> (reference.conf sets the rebalance interval and no durable keys).
/// </summary>
public static class VNodeSharding
{
    /// <summary>The entity type name of vnodes in Cluster.Sharding.</summary>
    public const string TypeName = "vnode";

    /// <summary>
    /// Starts the region on <paramref name="system"/> for the members with <paramref name="role"/> and returns it; the
    /// strategy waits at most <paramref name="askTimeout"/> for the ring and for a node's transfers.
    /// </summary>
    public static IActorRef Start(ActorSystem system, string role, TimeSpan askTimeout)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrEmpty(role);
        return ClusterSharding.Get(system).Start(
            TypeName,
            entityId => VNodeEntity.Props(PartitionMessageExtractor.PartitionOf(entityId)),
            ClusterShardingSettings.Create(system).WithRole(role),
            new PartitionMessageExtractor(),
            new ClaimAllocationStrategy(askTimeout),
            ReleasePartition.Instance);
    }
}
