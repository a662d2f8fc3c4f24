using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Akka.Actor;

namespace Dynamo.Kv.Membership;

/// <summary>
/// The node id of a cluster member: <c>host:port</c> of its address (e.g. <c>127.0.0.1:4053</c>).
/// Every member of a cluster shares the protocol and actor system name, so host and port are what
/// tell nodes apart, and the id maps back to the address without a lookup. The id is what vector
/// clocks, the ring and storage name the node by, so it stays the same across restarts on the same
/// host and port (the incarnation uid is deliberately not part of it).
/// </summary>
public static class NodeIdentity
{
    /// <summary>The node id of the member at <paramref name="address"/>.</summary>
    /// <exception cref="ArgumentException">The address has no host or port (a local-only system).</exception>
    public static string NodeIdOf(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.HasGlobalScope)
            throw new ArgumentException($"Address {address} has no host and port, so it cannot name a key-value node.", nameof(address));
        return $"{address.Host}:{address.Port!.Value.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The node id of <paramref name="address"/> as an actor of <paramref name="self"/>'s system sees it: a reference to
    /// a local actor (a shard region of this node, say) carries an address without host and port, which is this node.
    /// </summary>
    public static string NodeIdOf(Address address, Address self)
    {
        ArgumentNullException.ThrowIfNull(address);
        return NodeIdOf(address.HasGlobalScope ? address : self);
    }

    /// <summary>
    /// The address of node <paramref name="nodeId"/> in the cluster of <paramref name="self"/>: the same actor
    /// system name and protocol (<c>akka.tcp</c>, or <c>akka.ssl.tcp</c> with TLS); false when the id is not <c>host:port</c>.
    /// </summary>
    public static bool TryAddressOf(string nodeId, Address self, [NotNullWhen(true)] out Address? address)
    {
        address = null;
        if (string.IsNullOrEmpty(nodeId)) return false;
        // The last colon splits, so a bracketed IPv6 host keeps its own colons.
        int colon = nodeId.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(nodeId.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            return false;
        ArgumentNullException.ThrowIfNull(self);
        address = new Address(self.Protocol, self.System, nodeId[..colon], port);
        return true;
    }
}
