using System.Collections.Frozen;
using System.Text;
using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Client;

/// <summary>
/// The ring a client coordinates by (the paper's client-driven coordination): which node's router each request goes
/// to, so that it reaches a node of its key's preference list without a forwarding hop. Immutable: <see cref="RingPoller"/>
/// builds a new one whenever the ring, a node's reachability or a router reference changes, and requests read the
/// current one without a lock.
/// </summary>
/// <remarks>
/// <para>
/// A request goes to the client's home node, the member its ClusterClient came in by, when that node is on the key's
/// preference list (the paper lets any of the key's top n nodes coordinate), and otherwise to the first reachable node
/// walking clockwise from the key's partition, which is its first reachable primary. Preferring the home node keeps a
/// client's traffic on as few connections as the ring allows: measured on three nodes sharing two cores, spreading
/// every client's requests over all the nodes cost a quarter of the reads per second, from the smaller batches each
/// connection then writes per system call, with the same work and allocations per read.
/// </para>
/// <para>
/// A key's list is its partition and the n - 1 after it, with the bucket's n as the answering node knew it. A bucket
/// whose n changed since costs no correctness, nor does a stale ring: the node that takes a request routes it by its
/// own ring and forwards it once when it is not on the list.
/// </para>
/// </remarks>
internal sealed class ClientRing
{
    // Bucket names up to this many UTF-8 bytes are encoded on the stack.
    private const int StackBucketBytes = 256;

    private readonly Ring _ring;
    private readonly IActorRef?[] _firstReachable;
    private readonly int[] _stepsToHome;
    private readonly IActorRef? _home;
    private readonly int _defaultN;
    private readonly FrozenDictionary<string, int> _bucketN;

    private ClientRing(Ring ring, IActorRef?[] firstReachable, int[] stepsToHome, IActorRef? home, int defaultN,
        FrozenDictionary<string, int> bucketN, int reachableNodes)
    {
        _ring = ring;
        _firstReachable = firstReachable;
        _stepsToHome = stepsToHome;
        _home = home;
        _defaultN = defaultN;
        _bucketN = bucketN;
        ReachableNodes = reachableNodes;
    }

    /// <summary>How many of the ring's nodes the client reaches now.</summary>
    public int ReachableNodes { get; }

    /// <summary>The router of the home node, while the client reaches it.</summary>
    public IActorRef? Home => _home;

    /// <summary>
    /// The ring of <paramref name="result"/>, with the router <paramref name="routerOf"/> gives for each node (null:
    /// not reachable) and the client's <paramref name="home"/> node address if it has one; null when the answer holds
    /// no ring.
    /// </summary>
    /// <exception cref="ArgumentException">The answer is not a ring: an owner index out of range, or a partition count that is no power of two.</exception>
    public static ClientRing? From(RingResult result, Func<RingNode, IActorRef?> routerOf, string? home = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(routerOf);
        if (result.Owners.Count == 0) return null;
        var owners = result.Owners.Select(i => i < result.Nodes.Count
            ? result.Nodes[(int)i].Address
            : throw new ArgumentException($"The ring names owner {i} of {result.Nodes.Count} nodes.", nameof(result)));
        var ring = new Ring(result.Nodes.Select(n => n.Address), owners);
        var routers = result.Nodes.ToDictionary(n => n.Address, routerOf, StringComparer.Ordinal);
        var homeRouter = home is not null ? routers.GetValueOrDefault(home) : null;
        var q = ring.PartitionCount;
        var firstReachable = new IActorRef?[q];
        var stepsToHome = new int[q];
        for (var partition = 0; partition < q; partition++)
        {
            stepsToHome[partition] = int.MaxValue;
            for (var step = 0; step < q; step++)
            {
                var owner = ring.OwnerOf((partition + step) % q);
                firstReachable[partition] ??= routers[owner];
                if (homeRouter is not null && owner == home)
                {
                    stepsToHome[partition] = step;
                    break;
                }
                if (firstReachable[partition] is not null && homeRouter is null) break;
            }
        }
        var reachable = routers.Values.OfType<IActorRef>().Count();
        return new ClientRing(ring, firstReachable, stepsToHome, homeRouter, Math.Max(1, (int)result.DefaultN),
            result.BucketN.ToFrozenDictionary(b => b.Key, b => (int)b.Value, StringComparer.Ordinal), reachable);
    }

    /// <summary>The router to send a request for <paramref name="key"/> in <paramref name="bucket"/> to; null when no node is reachable.</summary>
    public IActorRef? CoordinatorOf(string bucket, ByteString key)
    {
        var length = Encoding.UTF8.GetByteCount(bucket);
        var bytes = length <= StackBucketBytes ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(bucket, bytes);
        var partition = _ring.PartitionOf(bytes, key.Span);
        var n = _bucketN.TryGetValue(bucket, out var bucketN) ? bucketN : _defaultN;
        return _stepsToHome[partition] < n ? _home : _firstReachable[partition];
    }
}
