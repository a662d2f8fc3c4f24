using System.Collections.Concurrent;
using Akka.Actor;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Tests;

/// <summary>A node directory that can silently drop every message coordinators send to chosen vnodes.</summary>
internal sealed class BlackholeDirectory(INodeDirectory inner) : INodeDirectory
{
    private readonly ConcurrentDictionary<(string Node, int Partition), bool> _blackholed = new();

    public void Blackhole(string node, int partition) => _blackholed[(node, partition)] = true;

    public void Restore(string node, int partition) => _blackholed.TryRemove((node, partition), out _);

    public ICanTell? RouterOf(string node) => inner.RouterOf(node);

    public ICanTell? HintedHandoffOf(string node) => inner.HintedHandoffOf(node);

    public bool IsReachable(string node) => inner.IsReachable(node);

    public ICanTell? VNodeOf(string node, int partition) =>
        inner.VNodeOf(node, partition) is { } vnode ? new Switch(this, node, partition, vnode) : null;

    // Decides per message, so a coordinator that started before a blackhole was lifted still reaches the vnode.
    private sealed class Switch(BlackholeDirectory owner, string node, int partition, ICanTell target) : ICanTell
    {
        public void Tell(object message, IActorRef? sender)
        {
            if (!owner._blackholed.ContainsKey((node, partition)))
            {
                target.Tell(message, sender);
            }
        }
    }
}
