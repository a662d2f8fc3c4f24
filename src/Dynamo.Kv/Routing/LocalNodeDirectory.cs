using System.Collections.Concurrent;
using Dynamo.Actors;

namespace Dynamo.Kv.Routing;

/// <summary>
/// A directory of nodes that each run in their own actor system inside this process (tests, the
/// simulator): actors are found by their well-known paths in the node's system.
/// </summary>
public sealed class LocalNodeDirectory : INodeDirectory
{
    // Nodes register while others already route, hence a concurrent map.
    private readonly ConcurrentDictionary<string, ActorSystem> _systems = new(StringComparer.Ordinal);

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

    /// <inheritdoc />
    public ICanTell? RouterOf(string node) =>
        _systems.TryGetValue(node, out var system) ? system.ActorSelection(KvPaths.Router) : null;

    /// <inheritdoc />
    public ICanTell? VNodeOf(string node, int partition) =>
        _systems.TryGetValue(node, out var system) ? system.ActorSelection(KvPaths.VNode(partition)) : null;
}
