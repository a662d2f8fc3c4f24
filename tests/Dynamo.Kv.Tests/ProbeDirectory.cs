using System.Collections.Concurrent;
using Akka.Actor;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Tests;

/// <summary>A node directory whose vnodes are test probes and whose reachability the test sets.</summary>
internal sealed class ProbeDirectory : INodeDirectory
{
    private readonly ConcurrentDictionary<string, IActorRef> _vnodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _reachable = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IActorRef> _inboxes = new(StringComparer.Ordinal);

    /// <summary>A directory in which every vnode of <paramref name="node"/> is <paramref name="vnode"/>.</summary>
    public static ProbeDirectory Of(string node, IActorRef vnode)
    {
        var directory = new ProbeDirectory();
        directory.Register(node, vnode);
        return directory;
    }

    /// <summary>Every vnode of <paramref name="node"/> is <paramref name="vnode"/>.</summary>
    public void Register(string node, IActorRef vnode) => _vnodes[node] = vnode;

    /// <summary>Batches of requests for <paramref name="node"/>'s replicas go to <paramref name="inbox"/>.</summary>
    public void RegisterInbox(string node, IActorRef inbox) => _inboxes[node] = inbox;

    public ICanTell? ReplicaInboxOf(string node) => _inboxes.GetValueOrDefault(node);

    public void SetReachable(string node, bool reachable) => _reachable[node] = reachable;

    public ICanTell? RouterOf(string node) => null;

    public ICanTell? VNodeOf(string node, int partition) => _vnodes.GetValueOrDefault(node);

    public ICanTell? HintedHandoffOf(string node) => null;

    public bool IsReachable(string node) => _reachable.GetValueOrDefault(node);
}
