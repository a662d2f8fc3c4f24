using System.Collections.Concurrent;
using Akka.Actor;

namespace Dynamo.Kv.Routing;

/// <summary>
/// A directory of nodes that each run in their own actor system inside this process (tests, the
/// simulator): actors are found by their well-known paths in the node's system.
/// </summary>
public sealed class LocalNodeDirectory : INodeDirectory
{
    // Nodes register while others already route, hence a concurrent map.
    private readonly ConcurrentDictionary<string, ActorSystem> _systems = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unreachable = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="node"/> reachable in <paramref name="system"/>.</summary>
    /// <exception cref="ArgumentException">The node id is already registered.</exception>
    public void Register(string node, ActorSystem system)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(system);
        if (!_systems.TryAdd(node, system))
        {
            throw new ArgumentException($"Node '{node}' is already registered.", nameof(node));
        }
    }

    /// <summary>Makes <paramref name="node"/> unreachable: its actors' messages are no longer delivered.</summary>
    public void Unregister(string node) => _systems.TryRemove(node, out _);

    /// <summary>
    /// Marks <paramref name="node"/> reachable or not, as a failure detector would: its actors still
    /// receive what is sent to them, but routers route around it and handoff waits for it.
    /// </summary>
    public void SetReachable(string node, bool reachable)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        if (reachable) _unreachable.TryRemove(node, out _);
        else _unreachable[node] = true;
    }

    /// <summary>
    /// True unless <see cref="SetReachable"/> marked the node unreachable. An unregistered node stays
    /// reachable here: it models a crash no failure detector has noticed yet, so coordinators still
    /// count its replica and simply get no answer.
    /// </summary>
    public bool IsReachable(string node) => !_unreachable.ContainsKey(node);

    /// <inheritdoc />
    public ICanTell? HintedHandoffOf(string node) =>
        _systems.TryGetValue(node, out var system) ? system.ActorSelection(KvPaths.HintedHandoff) : null;

    /// <inheritdoc />
    public ICanTell? RouterOf(string node) =>
        _systems.TryGetValue(node, out var system) ? system.ActorSelection(KvPaths.Router) : null;

    /// <inheritdoc />
    public ICanTell? VNodeOf(string node, int partition) =>
        _systems.TryGetValue(node, out var system) ? system.ActorSelection(KvPaths.VNode(partition)) : null;
}
