using System.Collections.Frozen;
using System.Text;
using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Protocol;

namespace Dynamo.Client;

/// <summary>
/// The ring a client coordinates by (the paper's client-driven coordination): which node each request goes to, so that
/// it reaches a node of its key's preference list without a forwarding hop. A coordinator is whatever the client sends
/// to: a node's router for <see cref="DynamoActorClient"/>, a node's HTTP endpoint for <see cref="DynamoHttpClient"/>.
/// Immutable: the client's poller builds a new one whenever the ring, a node's reachability or a coordinator changes,
/// and requests read the current one without a lock.
/// </summary>
/// <remarks>
/// <para>
/// A request goes to the client's home node, if it has one, when that node is on the key's preference list (the paper
/// lets any of the key's top n nodes coordinate), and otherwise to the first reachable node walking clockwise from the
/// key's partition, which is its first reachable primary. An actor client's home node is the member its ClusterClient
/// came in by: keeping a client's traffic on as few connections as the ring allows matters over Akka.Remote, where
/// measured on three nodes sharing two cores, spreading every client's requests over all the nodes cost a quarter of
/// the reads per second, from the smaller batches each connection then writes per system call, with the same work and
/// allocations per read. An HTTP client has none: every HTTP request is a write of its own on a connection of its
/// own, so spreading requests by key costs nothing and spreads the coordinating work.
/// </para>
/// <para>
/// A key's list is its partition and the n - 1 after it, with the bucket's n as the answering node knew it. A bucket
/// whose n changed since costs no correctness, nor does a stale ring: the node that takes a request routes it by its
/// own ring and forwards it once when it is not on the list.
/// </para>
/// </remarks>
internal sealed class ClientRing<TCoordinator>
    where TCoordinator : class
{
    // Bucket names and keys up to this many UTF-8 bytes are encoded on the stack.
    private const int StackBytes = 256;

    private readonly Ring _ring;
    private readonly TCoordinator?[] _firstReachable;
    private readonly int[] _stepsToHome;
    private readonly TCoordinator? _home;
    private readonly int _defaultN;
    private readonly FrozenDictionary<string, int> _bucketN;

    private ClientRing(Ring ring, TCoordinator?[] firstReachable, int[] stepsToHome, TCoordinator? home, int defaultN,
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

    /// <summary>The home node's coordinator, while the client reaches it.</summary>
    public TCoordinator? Home => _home;

    /// <summary>
    /// The client's view of <paramref name="ring"/>: <paramref name="coordinatorOf"/> gives each member's coordinator
    /// (null: not reachable), <paramref name="home"/> names the home node if there is one, and a key's list is
    /// <paramref name="bucketN"/>'s n for its bucket, <paramref name="defaultN"/> for a bucket it does not name.
    /// </summary>
    public static ClientRing<TCoordinator> Create(Ring ring, Func<string, TCoordinator?> coordinatorOf, string? home = null,
        int defaultN = 1, IReadOnlyDictionary<string, int>? bucketN = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(coordinatorOf);
        var coordinators = ring.Members.ToDictionary(m => m, coordinatorOf, StringComparer.Ordinal);
        var homeCoordinator = home is not null ? coordinators.GetValueOrDefault(home) : null;
        var q = ring.PartitionCount;
        var firstReachable = new TCoordinator?[q];
        var stepsToHome = new int[q];
        for (var partition = 0; partition < q; partition++)
        {
            stepsToHome[partition] = int.MaxValue;
            for (var step = 0; step < q; step++)
            {
                var owner = ring.OwnerOf((partition + step) % q);
                firstReachable[partition] ??= coordinators[owner];
                if (homeCoordinator is not null && owner == home)
                {
                    stepsToHome[partition] = step;
                    break;
                }
                if (firstReachable[partition] is not null && homeCoordinator is null) break;
            }
        }
        var reachable = coordinators.Values.Count(c => c is not null);
        return new ClientRing<TCoordinator>(ring, firstReachable, stepsToHome, homeCoordinator, Math.Max(1, defaultN),
            (bucketN ?? FrozenDictionary<string, int>.Empty).ToFrozenDictionary(StringComparer.Ordinal), reachable);
    }

    /// <summary>Where to send a request for <paramref name="key"/> in <paramref name="bucket"/>; null when no node is reachable.</summary>
    public TCoordinator? CoordinatorOf(string bucket, ReadOnlySpan<byte> key)
    {
        var length = Encoding.UTF8.GetByteCount(bucket);
        var bytes = length <= StackBytes ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(bucket, bytes);
        var partition = _ring.PartitionOf(bytes, key);
        var n = _bucketN.TryGetValue(bucket, out var bucketN) ? bucketN : _defaultN;
        return _stepsToHome[partition] < n ? _home : _firstReachable[partition];
    }

    /// <inheritdoc cref="CoordinatorOf(string, ReadOnlySpan{byte})"/>
    public TCoordinator? CoordinatorOf(string bucket, string key)
    {
        var length = Encoding.UTF8.GetByteCount(key);
        var bytes = length <= StackBytes ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(key, bytes);
        return CoordinatorOf(bucket, bytes);
    }
}

/// <summary>The rings of the actor protocol's <see cref="RingResult"/>.</summary>
internal static class ClientRing
{
    /// <summary>How often a client asks for the ring unless told otherwise: every 10 s, as the paper's clients poll.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(10);

    /// <summary>How often a client asks for the ring until it has one, so that requests soon stop taking the extra hop.</summary>
    public static readonly TimeSpan FirstPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The ring of <paramref name="result"/>, with the router <paramref name="routerOf"/> gives for each node (null:
    /// not reachable) and the client's <paramref name="home"/> node address if it has one; null when the answer holds
    /// no ring.
    /// </summary>
    /// <exception cref="ArgumentException">The answer is not a ring: an owner index out of range, or a partition count that is no power of two.</exception>
    public static ClientRing<IActorRef>? From(RingResult result, Func<RingNode, IActorRef?> routerOf, string? home = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(routerOf);
        if (result.Owners.Count == 0) return null;
        var owners = result.Owners.Select(i => i < result.Nodes.Count
            ? result.Nodes[(int)i].Address
            : throw new ArgumentException($"The ring names owner {i} of {result.Nodes.Count} nodes.", nameof(result)));
        var nodes = result.Nodes.ToDictionary(n => n.Address, StringComparer.Ordinal);
        return ClientRing<IActorRef>.Create(new Ring(nodes.Keys, owners), address => routerOf(nodes[address]), home,
            (int)result.DefaultN, result.BucketN.ToDictionary(b => b.Key, b => (int)b.Value, StringComparer.Ordinal));
    }
}
