using Akka.Actor;
using Akka.Event;
using Dynamo.Kv.Diagnostics;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Batching;

/// <summary>
/// Where other nodes' coordinator hosts send their <see cref="ReplicaBatch"/>es (<see cref="KvPaths.ReplicaInbox"/>).
/// Each host's batches go to a <see cref="ReplyChannel"/> of its own, which hands the requests to this node's replicas
/// and sends their answers back to that host in batches; a channel stops with its host.
/// </summary>
public sealed class ReplicaInbox : UntypedActor
{
    private readonly string _node;
    private readonly INodeDirectory _directory;
    private readonly NodeMetrics? _metrics;
    private readonly Dictionary<IActorRef, IActorRef> _channels = [];
    private readonly Dictionary<IActorRef, IActorRef> _hosts = [];

    /// <summary>The inbox of <paramref name="node"/>, whose replicas it finds in <paramref name="directory"/>.</summary>
    public ReplicaInbox(string node, INodeDirectory directory, NodeMetrics? metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(directory);
        (_node, _directory, _metrics) = (node, directory, metrics);
    }

    /// <summary>Props for the inbox of <paramref name="node"/>; create it named <see cref="KvPaths.ReplicaInboxName"/>.</summary>
    public static Props Props(string node, INodeDirectory directory, NodeMetrics? metrics = null) =>
        Akka.Actor.Props.Create(() => new ReplicaInbox(node, directory, metrics));

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ReplicaBatch batch when Sender.IsNobody():
                Context.GetLogger().Warning("Dropped a batch of {0} replica requests that came without the host to answer.", batch.Requests.Length);
                break;
            case ReplicaBatch batch:
                ChannelOf(Sender).Forward(batch);
                break;
            case Terminated terminated when _hosts.Remove(terminated.ActorRef, out var host):
                _channels.Remove(host);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private IActorRef ChannelOf(IActorRef host)
    {
        if (_channels.TryGetValue(host, out var channel)) return channel;
        channel = Context.ActorOf(ReplyChannel.Props(host, _node, _directory, _metrics));
        Context.Watch(channel);
        _channels[host] = channel;
        _hosts[channel] = host;
        return channel;
    }
}
