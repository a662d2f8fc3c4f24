using System.Text;
using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Client;

/// <summary>
/// The ring a client coordinates by (the paper's client-driven coordination): for every partition, the router of the
/// first node walking clockwise from it that the client can reach, so a request goes straight to a node of its key's
/// preference list. Immutable: <see cref="RingPoller"/> builds a new one whenever the ring, a node's reachability or
/// a router reference changes, and requests read the current one without a lock.
/// </summary>
/// <remarks>
/// The walk passes the key's primaries (its partition's owner and the n - 1 after it) first, so a request reaches a
/// primary whenever one is reachable, whatever the bucket's n; the node coordinates it there. A node further on takes
/// a request only when every primary before it is down, and forwards it as it would one over HTTP. A ring that turns
/// out stale costs no more: the receiving node routes by its own ring.
/// </remarks>
internal sealed class ClientRing
{
    // Bucket names up to this many UTF-8 bytes are encoded on the stack.
    private const int StackBucketBytes = 256;

    private readonly Ring _ring;
    private readonly IActorRef?[] _coordinators;

    private ClientRing(Ring ring, IActorRef?[] coordinators)
    {
        _ring = ring;
        _coordinators = coordinators;
    }

    /// <summary>How many nodes coordinate a partition: those the client reaches that the walk comes to first somewhere.</summary>
    public int CoordinatingNodes => _coordinators.OfType<IActorRef>().Distinct().Count();

    /// <summary>
    /// The ring of <paramref name="result"/>, each partition coordinated by the first router along the walk that
    /// <paramref name="routerOf"/> gives for a node address (null: not reachable); null when the answer holds no ring.
    /// </summary>
    /// <exception cref="ArgumentException">The answer is not a ring: an owner index out of range, or a partition count that is no power of two.</exception>
    public static ClientRing? From(RingResult result, Func<RingNode, IActorRef?> routerOf)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(routerOf);
        if (result.Owners.Count == 0) return null;
        var owners = result.Owners.Select(i => i < result.Nodes.Count
            ? result.Nodes[(int)i].Address
            : throw new ArgumentException($"The ring names owner {i} of {result.Nodes.Count} nodes.", nameof(result)));
        var ring = new Ring(result.Nodes.Select(n => n.Address), owners);
        var routers = result.Nodes.ToDictionary(n => n.Address, routerOf, StringComparer.Ordinal);
        var coordinators = new IActorRef?[ring.PartitionCount];
        for (var partition = 0; partition < coordinators.Length; partition++)
        {
            for (var step = 0; step < coordinators.Length && coordinators[partition] is null; step++)
                coordinators[partition] = routers[ring.OwnerOf((partition + step) % coordinators.Length)];
        }
        return new ClientRing(ring, coordinators);
    }

    /// <summary>The router to send a request for <paramref name="key"/> in <paramref name="bucket"/> to; null when no node is reachable.</summary>
    public IActorRef? CoordinatorOf(string bucket, ByteString key)
    {
        var length = Encoding.UTF8.GetByteCount(bucket);
        var bytes = length <= StackBucketBytes ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(bucket, bytes);
        return _coordinators[_ring.PartitionOf(bytes, key.Span)];
    }
}
