using Akka.Actor;
using Akka.Cluster.Sharding;

namespace Dynamo.Kv.Placement;

/// <summary>
/// A partition's replica addressed through the node's vnode shard region: the message reaches the partition's
/// <see cref="VNodeEntity"/> wherever Cluster.Sharding runs it, which passes it on to the vnode, and the replies come
/// from the vnode straight to the sender. Once a vnode has answered, messages go straight to it, as Riak's vnode
/// master hands requests to the vnode process it knows, until Akka's death watch reports it stopped.
/// </summary>
/// <remarks>
/// <para>
/// Through the region a message takes four mailboxes to the vnode (the region, the shard, the entity, the vnode) and,
/// when the partition lives on another node, the remote node's region resolving it again; straight to the vnode it
/// takes one, and the wire carries no sharding envelope.
/// </para>
/// <para>
/// Nothing is delivered anywhere the region would not have taken it: the vnode that answered is the one the entity
/// passes messages to, and a vnode keeps serving its partition, or forwards what it gets to the partition's new owner
/// once it has handed its data off, until its node's ring manager stops it. A message sent to a vnode that just stopped
/// is lost as one sent to a stopping entity is, and its coordinator counts that replica as not answering.
/// </para>
/// </remarks>
public sealed class ShardedReplica : ICanTell
{
    private readonly IActorRef _region;
    private readonly string _entityId;
    private readonly IActorRef _watcher;
    private IActorRef? _vnode;

    /// <summary>The replica of <paramref name="partition"/> behind <paramref name="region"/>; <paramref name="watcher"/> watches the vnodes it learns.</summary>
    public ShardedReplica(IActorRef region, int partition, IActorRef watcher)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(watcher);
        _region = region;
        _entityId = PartitionMessageExtractor.IdOf(partition);
        _watcher = watcher;
    }

    /// <summary>The vnode messages go straight to; null while they go through the region.</summary>
    public IActorRef? VNode => Volatile.Read(ref _vnode);

    /// <inheritdoc />
    public void Tell(object message, IActorRef sender)
    {
        if (Volatile.Read(ref _vnode) is { } vnode) vnode.Tell(message, sender);
        else _region.Tell(new ShardingEnvelope(_entityId, message), sender);
    }

    /// <summary>
    /// The partition's <paramref name="vnode"/> answered a request sent here: later messages go straight to it until it
    /// stops. Cheap when it is the vnode already known, as it is for all but the first answer.
    /// </summary>
    public void AnsweredBy(IActorRef vnode)
    {
        var known = Volatile.Read(ref _vnode);
        if (vnode.Equals(known) || vnode.IsNobody()) return;
        if (Interlocked.CompareExchange(ref _vnode, vnode, known) == known)
            _watcher.Tell(new DirectReplicaWatcher.WatchVNode(this, vnode, known));
    }

    /// <summary>The vnode <paramref name="vnode"/> stopped: messages go through the region again, unless another one answered since.</summary>
    internal void Stopped(IActorRef vnode)
    {
        var known = Volatile.Read(ref _vnode);
        if (vnode.Equals(known)) Interlocked.CompareExchange(ref _vnode, null, known);
    }
}
