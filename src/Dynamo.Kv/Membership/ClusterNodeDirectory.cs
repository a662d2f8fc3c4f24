using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Membership;

/// <summary>
/// The node directory of a cluster member: node ids are <see cref="NodeIdentity"/> ids
/// (<c>host:port</c>), and every node's actors, this node's own included, are actor selections by path.
/// Selections are cached: the ring's owners ask for the same few hundred actors on every request.
/// </summary>
/// <remarks>
/// A selection names no incarnation: it keeps reaching a node's router and vnodes after that node restarts on
/// the same address, and a vnode that a ring manager stopped and started again as partitions moved is found
/// again by its path, because the receiving node looks the path up for every message.
/// </remarks>
public sealed class ClusterNodeDirectory : INodeDirectory
{
    private readonly ExtendedActorSystem _system;
    private readonly Address _address;
    private readonly string _self;
    private readonly ConcurrentDictionary<string, ICanTell?> _routers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Node, int Partition), ICanTell?> _vnodes = new();
    private readonly ConcurrentDictionary<string, ICanTell?> _handoffs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, ICanTell> _replicas = new();
    private readonly ConcurrentDictionary<string, ICanTell?> _inboxes = new(StringComparer.Ordinal);
    private readonly Lazy<Cluster> _cluster;
    private readonly Lazy<IActorRef> _replicaWatcher;
    private ReachableNodes? _reachable;

    /// <summary>
    /// A directory for the cluster member <paramref name="system"/> (which must have a TCP address), whose replicas
    /// are the entities of <paramref name="vnodeRegion"/> when given (see <see cref="Placement.VNodeSharding"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The system has no host and port.</exception>
    public ClusterNodeDirectory(ActorSystem system, IActorRef? vnodeRegion = null)
    {
        VNodeRegion = vnodeRegion;
        ArgumentNullException.ThrowIfNull(system);
        _system = (ExtendedActorSystem)system;
        _address = _system.Provider.DefaultAddress;
        _self = NodeIdentity.NodeIdOf(_address);
        // Resolved on first use: a directory may be built before the cluster extension is asked for.
        _cluster = new Lazy<Cluster>(() => Cluster.Get(system));
        _replicaWatcher = new Lazy<IActorRef>(() => _system.SystemActorOf(Placement.DirectReplicaWatcher.Props()));
    }

    /// <summary>This node's id.</summary>
    public string SelfNodeId => _self;

    /// <inheritdoc />
    public ICanTell? RouterOf(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _routers.GetOrAdd(node, n => Resolve(n, KvPaths.Router));
    }

    /// <inheritdoc />
    public ICanTell? VNodeOf(string node, int partition)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _vnodes.GetOrAdd((node, partition), k => Resolve(k.Node, KvPaths.VNode(k.Partition)));
    }

    /// <inheritdoc />
    public IActorRef? VNodeRegion { get; }

    /// <inheritdoc />
    public ICanTell? ReplicaOf(string node, int partition) => VNodeRegion is { } region
        ? _replicas.GetOrAdd(partition, p => new Placement.ShardedReplica(region, p, _replicaWatcher.Value))
        : VNodeOf(node, partition);

    /// <inheritdoc />
    public ICanTell? HintedHandoffOf(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _handoffs.GetOrAdd(node, n => Resolve(n, KvPaths.HintedHandoff));
    }

    /// <inheritdoc />
    /// <remarks>
    /// A resolved reference rather than a selection: the inbox lives as long as the node's router, and a batch then
    /// carries no selection to be looked up path element by path element on arrival.
    /// </remarks>
    public ICanTell? ReplicaInboxOf(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _inboxes.GetOrAdd(node, n => n != _self && NodeIdentity.TryAddressOf(n, _address, out var address)
            ? _system.Provider.ResolveActorRef(new RootActorPath(address) / KvPaths.ReplicaInbox.Split('/', StringSplitOptions.RemoveEmptyEntries))
            : null);
    }

    /// <summary>
    /// This node always; another node when a member at its address is Up or Leaving and no observer
    /// reports it unreachable. Joining, exiting, down and removed members count as unreachable, and so
    /// does an address with no member (a restarted node until its new incarnation is Up).
    /// </summary>
    public bool IsReachable(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node == _self) return true;
        var state = _cluster.Value.State;
        var cached = Volatile.Read(ref _reachable);
        if (cached is null || !ReferenceEquals(cached.State, state))
        {
            // The state is an immutable snapshot replaced on every change: compute once per snapshot.
            cached = new ReachableNodes(state, state.Members
                .Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving && !state.Unreachable.Contains(m))
                .Select(m => NodeIdentity.NodeIdOf(m.Address))
                .ToHashSet(StringComparer.Ordinal));
            Volatile.Write(ref _reachable, cached);
        }
        return cached.Nodes.Contains(node);
    }

    /// <inheritdoc />
    public Address? AddressOf(string node) => NodeIdentity.TryAddressOf(node, _address, out var address) ? address : null;

    private ICanTell? Resolve(string node, string path)
    {
        if (node == _self) return _system.ActorSelection(path);
        if (!NodeIdentity.TryAddressOf(node, _address, out var address)) return null;
        // A selection, not a resolved reference: Akka.Remote kept delivering a resolved reference's path to the
        // stopped incarnation of a vnode started again under its name (a partition handed off, then owned again).
        return _system.ActorSelection(new RootActorPath(address) / path.Split('/', StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record ReachableNodes(ClusterEvent.CurrentClusterState State, HashSet<string> Nodes);
}
