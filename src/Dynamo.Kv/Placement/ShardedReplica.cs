using Akka.Actor;
using Akka.Cluster.Sharding;

namespace Dynamo.Kv.Placement;

/// <summary>
/// A partition's replica addressed through the node's vnode shard region: the message reaches the partition's
/// <see cref="VNodeEntity"/> wherever Cluster.Sharding runs it, and the replies come from the vnode straight to the
/// sender.
/// </summary>
public sealed class ShardedReplica : ICanTell
{
    private readonly IActorRef _region;
    private readonly string _entityId;

    /// <summary>The replica of <paramref name="partition"/> behind <paramref name="region"/>.</summary>
    public ShardedReplica(IActorRef region, int partition)
    {
        ArgumentNullException.ThrowIfNull(region);
        _region = region;
        _entityId = PartitionMessageExtractor.IdOf(partition);
    }

    /// <inheritdoc />
    public void Tell(object message, IActorRef sender) => _region.Tell(new ShardingEnvelope(_entityId, message), sender);
}
