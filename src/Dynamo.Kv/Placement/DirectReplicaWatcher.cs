using Akka.Actor;

namespace Dynamo.Kv.Placement;

/// <summary>
/// Death-watches the vnodes a node's <see cref="ShardedReplica"/>s send to directly, and tells a replica when its
/// vnode stopped, so that its messages go through the shard region again and reach the partition wherever it is served
/// now. One per node; local vnodes and remote ones alike, through Akka.Remote's death watch.
/// </summary>
internal sealed class DirectReplicaWatcher : ReceiveActor
{
    private readonly Dictionary<IActorRef, ShardedReplica> _watched = [];

    public DirectReplicaWatcher()
    {
        Receive<WatchVNode>(watch =>
        {
            if (watch.Previous is { } previous && _watched.TryGetValue(previous, out var replica) && replica == watch.Replica)
            {
                Context.Unwatch(previous);
                _watched.Remove(previous);
            }
            _watched[watch.VNode] = watch.Replica;
            // A vnode that stopped already is reported at once.
            Context.Watch(watch.VNode);
        });
        Receive<Terminated>(terminated =>
        {
            if (_watched.Remove(terminated.ActorRef, out var replica)) replica.Stopped(terminated.ActorRef);
        });
    }

    /// <summary>Props for the watcher.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new DirectReplicaWatcher());

    /// <summary>Watch <paramref name="VNode"/>, which <paramref name="Replica"/> now sends to in place of <paramref name="Previous"/>.</summary>
    internal sealed record WatchVNode(ShardedReplica Replica, IActorRef VNode, IActorRef? Previous) : INoSerializationVerificationNeeded;
}
