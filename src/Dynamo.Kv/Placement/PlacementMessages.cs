using Akka.Actor;

namespace Dynamo.Kv.Placement;

/// <summary>
/// Sent by a partition's <see cref="VNodeEntity"/> to its node's ring manager when sharding starts it there: the
/// ring manager answers <see cref="ReplicaHost"/> now and whenever the answer changes, until the entity stops.
/// </summary>
/// <param name="Partition">The entity's partition.</param>
public sealed record HostPartition(int Partition) : INoSerializationVerificationNeeded;

/// <summary>
/// Where a partition's entity on this node passes its messages: the node's own vnode of the partition (owned, or
/// being handed off), or the owner's vnode on another node once this node holds nothing of it; null while the
/// node's vnode is starting again, which the entity waits for.
/// </summary>
/// <param name="Partition">The partition.</param>
/// <param name="Target">The vnode that serves the partition for this entity, or null for none yet.</param>
public sealed record ReplicaHost(int Partition, ICanTell? Target) : INoSerializationVerificationNeeded;

/// <summary>
/// Cluster.Sharding's hand-off stop message for vnode entities: the shard moves to another node, so the entity
/// lets its ring manager know it no longer hosts the partition here, and stops. The partition's data moved before
/// (the allocation strategy lets a shard move only once its node holds nothing of it).
/// </summary>
public sealed record ReleasePartition : INoSerializationVerificationNeeded
{
    /// <summary>The one value.</summary>
    public static ReleasePartition Instance { get; } = new();
}

/// <summary>Sent by a <see cref="VNodeEntity"/> to its ring manager as it stops on <see cref="ReleasePartition"/>.</summary>
/// <param name="Partition">The partition no longer hosted here.</param>
public sealed record PartitionReleased(int Partition) : INoSerializationVerificationNeeded;
