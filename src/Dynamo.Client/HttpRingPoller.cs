using System.Collections.Immutable;
using Dynamo.Core.Partitioning;

namespace Dynamo.Client;

/// <summary>
/// Keeps an HTTP client's <see cref="ClientRing{TCoordinator}"/> current, as the paper's clients do for client-driven
/// coordination: it asks a node for <c>GET /ring</c> (each partition's owner) and <c>GET /cluster</c> (each member's
/// HTTP endpoint, and whether the answering node reaches it), and maps every owner to its endpoint.
/// </summary>
/// <remarks>
/// <para>
/// It polls when a request finds the ring older than the poll interval (every second until it has one), in the
/// background: no request waits for a poll, and a client that sends nothing polls nothing. It asks the client's base
/// address first and, when that node does not answer, the other endpoints it knows.
/// </para>
/// <para>
/// An endpoint that refuses a connection drops out of the ring at once, until the next poll: a request the client
/// could not even send is safe to send to the next node of the list. A node that stopped is otherwise known only once
/// the cluster's failure detector reports it, and a poll brings that in.
/// </para>
/// </remarks>
internal sealed class HttpRingPoller
{
    // A node that takes longer than this to describe its ring is asked again at the next poll.
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly Uri _seed;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private ClientRing<Uri>? _ring;
    private DynamoRingView? _ringView;
    private DynamoClusterView? _clusterView;
    private ImmutableHashSet<Uri> _refused = [];
    private long _nextPollAt;
    private int _polling;

    public HttpRingPoller(HttpClient http, Uri seed, TimeSpan interval)
    {
        _http = http;
        _seed = seed;
        _interval = interval;
    }

    /// <summary>The ring as last polled, without the endpoints that refused a connection since; null before the first answer.</summary>
    public ClientRing<Uri>? Current
    {
        get
        {
            if (Environment.TickCount64 >= Volatile.Read(ref _nextPollAt) && Interlocked.Exchange(ref _polling, 1) == 0)
                _ = Task.Run(PollAsync);
            return Volatile.Read(ref _ring);
        }
    }

    /// <summary>Takes <paramref name="endpoint"/>, which refused a connection, out of the ring until the next poll.</summary>
    public void Refused(Uri endpoint)
    {
        lock (_gate)
        {
            _refused = _refused.Add(endpoint);
            Publish();
        }
    }

    /// <summary>
    /// The ring of <paramref name="ring"/> with each owner's endpoint from <paramref name="cluster"/>: an owner that is
    /// not Up or Leaving, that the answering node does not reach, that advertises no endpoint, or whose endpoint is in
    /// <paramref name="refused"/>, has none. Null when the node has no ring yet or its answer is no ring.
    /// </summary>
    public static ClientRing<Uri>? RingOf(DynamoRingView ring, DynamoClusterView cluster, IReadOnlySet<Uri> refused)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(refused);
        if (ring.PartitionCount == 0) return null;
        var endpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var member in cluster.Members)
        {
            if (member is { Reachable: true, Status: "Up" or "Leaving" } && EndpointOf(member) is { } uri && !refused.Contains(uri))
                endpoints[member.NodeId] = uri;
        }
        string[] owners = [.. ring.Partitions.OrderBy(p => p.Partition).Select(p => p.Owner)];
        if (owners.Length != ring.PartitionCount) return null;
        try
        {
            return ClientRing<Uri>.Create(new Ring(owners.Distinct(StringComparer.Ordinal), owners), endpoints.GetValueOrDefault);
        }
        catch (ArgumentException)
        {
            // A partition count that is no power of two: no ring this client can hash keys onto.
            return null;
        }
    }

    private async Task PollAsync()
    {
        try
        {
            foreach (var node in Candidates())
            {
                try
                {
                    using var timeout = new CancellationTokenSource(PollTimeout);
                    var admin = new DynamoAdminClient(_http, node);
                    var ring = await admin.GetRingAsync(timeout.Token).ConfigureAwait(false);
                    var cluster = await admin.GetClusterAsync(timeout.Token).ConfigureAwait(false);
                    // A node without a ring yet (still joining) has nothing to add: keep the ring there is.
                    if (ring.PartitionCount == 0) continue;
                    lock (_gate)
                    {
                        (_ringView, _clusterView, _refused) = (ring, cluster, []);
                        Publish();
                    }
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or DynamoException)
                {
                    // Not reached or no answer: ask the next node.
                }
            }
        }
        finally
        {
            var wait = Volatile.Read(ref _ring) is null ? ClientRing.FirstPollInterval : _interval;
            Volatile.Write(ref _nextPollAt, Environment.TickCount64 + (long)wait.TotalMilliseconds);
            Volatile.Write(ref _polling, 0);
        }
    }

    // The base address first, then the other nodes the last ring reached, in random order.
    private IEnumerable<Uri> Candidates()
    {
        yield return _seed;
        Uri[] others;
        lock (_gate)
        {
            others = [.. (_clusterView?.Members ?? []).Select(EndpointOf).OfType<Uri>().Where(uri => uri != _seed)];
        }
        Random.Shared.Shuffle(others);
        foreach (var other in others) yield return other;
    }

    // With the trailing slash a base address needs for relative paths to resolve under it.
    private static Uri? EndpointOf(DynamoClusterMember member) =>
        member.HttpEndpoint is { } endpoint && Uri.TryCreate(endpoint.EndsWith('/') ? endpoint : endpoint + "/", UriKind.Absolute, out var uri)
            ? uri
            : null;

    private void Publish() => Volatile.Write(ref _ring,
        _ringView is null || _clusterView is null ? null : RingOf(_ringView, _clusterView, _refused));
}
