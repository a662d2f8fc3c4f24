using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// Who heartbeats whom. Nodes sit on a ring ordered by a hash of their unique address; each node sends
/// heartbeats to the next <see cref="MonitoredByNrOfMembers"/> reachable nodes clockwise, so every node is
/// monitored by that many others (all others in clusters smaller than that) whatever the cluster size,
/// and every node computes the same assignment without coordination. Immutable.
/// </summary>
/// <remarks>
/// The hash spreads neighbours across racks and hosts better than address order would. Unreachable nodes
/// passed on the way are kept as receivers too (up to the same count), so that they can be seen to come
/// back, while reachable ones still fill the quota (Akka's rule).
/// </remarks>
public sealed class HeartbeatNodeRing
{
    private readonly ImmutableDictionary<UniqueAddress, int> _position;

    /// <summary>A ring of <paramref name="nodes"/> (which must include <paramref name="self"/>).</summary>
    /// <exception cref="ArgumentException">Self is not among the nodes, or the count is not positive.</exception>
    public HeartbeatNodeRing(UniqueAddress self, IEnumerable<UniqueAddress> nodes, IEnumerable<UniqueAddress> unreachable, int monitoredByNrOfMembers)
    {
        Self = self ?? throw new ArgumentNullException(nameof(self));
        if (monitoredByNrOfMembers < 1)
            throw new ArgumentOutOfRangeException(nameof(monitoredByNrOfMembers), monitoredByNrOfMembers, "monitored-by-nr-of-members must be at least 1.");
        Nodes = nodes.ToImmutableSortedSet();
        if (!Nodes.Contains(self))
            throw new ArgumentException($"The heartbeat ring must include its own node {self}.", nameof(nodes));
        Unreachable = unreachable.Where(Nodes.Contains).ToImmutableSortedSet();
        MonitoredByNrOfMembers = monitoredByNrOfMembers;
        NodeRing = [.. Nodes.Select(n => (Hash: RingHash(n), Node: n)).OrderBy(x => x.Hash).ThenBy(x => x.Node).Select(x => x.Node)];
        _position = NodeRing.Select((n, i) => (n, i)).ToImmutableDictionary(x => x.n, x => x.i);
    }

    /// <summary>This node.</summary>
    public UniqueAddress Self { get; }

    /// <summary>Every node on the ring, in address order.</summary>
    public ImmutableSortedSet<UniqueAddress> Nodes { get; }

    /// <summary>Nodes currently unreachable.</summary>
    public ImmutableSortedSet<UniqueAddress> Unreachable { get; }

    /// <summary>How many nodes monitor each node.</summary>
    public int MonitoredByNrOfMembers { get; }

    /// <summary>The nodes in ring (hash) order.</summary>
    public ImmutableArray<UniqueAddress> NodeRing { get; }

    /// <summary>The nodes this node sends heartbeats to.</summary>
    public ImmutableSortedSet<UniqueAddress> MyReceivers => Receivers(Self);

    /// <summary>The nodes <paramref name="sender"/> sends heartbeats to.</summary>
    /// <exception cref="ArgumentException">The sender is not on the ring.</exception>
    public ImmutableSortedSet<UniqueAddress> Receivers(UniqueAddress sender)
    {
        if (!_position.TryGetValue(sender, out int start))
            throw new ArgumentException($"{sender} is not on the heartbeat ring.", nameof(sender));
        if (MonitoredByNrOfMembers >= NodeRing.Length - 1)
            return Nodes.Remove(sender);

        var receivers = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
        int reachableTaken = 0;
        for (int step = 1; step < NodeRing.Length && reachableTaken < MonitoredByNrOfMembers; step++)
        {
            var node = NodeRing[(start + step) % NodeRing.Length];
            if (Unreachable.Contains(node))
            {
                if (receivers.Count < MonitoredByNrOfMembers) receivers.Add(node);
            }
            else
            {
                receivers.Add(node);
                reachableTaken++;
            }
        }
        return receivers.ToImmutable();
    }

    /// <summary>The ring with <paramref name="node"/> added.</summary>
    public HeartbeatNodeRing Add(UniqueAddress node) =>
        Nodes.Contains(node) ? this : new HeartbeatNodeRing(Self, Nodes.Add(node), Unreachable, MonitoredByNrOfMembers);

    /// <summary>The ring without <paramref name="node"/>.</summary>
    /// <exception cref="ArgumentException">The node is this node.</exception>
    public HeartbeatNodeRing Remove(UniqueAddress node) =>
        Nodes.Contains(node) ? new HeartbeatNodeRing(Self, Nodes.Remove(node), Unreachable.Remove(node), MonitoredByNrOfMembers) : this;

    /// <summary>The ring with another set of unreachable nodes.</summary>
    public HeartbeatNodeRing WithUnreachable(IEnumerable<UniqueAddress> unreachable) =>
        new(Self, Nodes, unreachable, MonitoredByNrOfMembers);

    // MD5 rather than string.GetHashCode: it must be the same on every node and every run.
    private static long RingHash(UniqueAddress node) =>
        BinaryPrimitives.ReadInt64BigEndian(MD5.HashData(Encoding.UTF8.GetBytes(node.ToString())));
}
