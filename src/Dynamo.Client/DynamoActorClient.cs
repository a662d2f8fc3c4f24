using System.Collections.Immutable;
using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe.Serialization;
using Akka.Configuration;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Client;

/// <summary>
/// A client over the actor protocol, with the same results and exceptions as <see cref="DynamoHttpClient"/>. From an
/// actor system that is no cluster member it coordinates by the ring (the paper's client-driven coordination): it
/// polls a node for its ring and sends each read and write straight to the router of a node of the key's preference
/// list, which coordinates it there: its home node, the member its ClusterClient talks to, when that node is on the
/// list, and the key's first reachable primary otherwise. It reaches the cluster through Akka's <see cref="ClusterClient"/>
/// until it has a ring, when no node of the ring is reachable, and for bucket properties: the receptionists of the
/// nodes given are its first contacts, and it moves to another member's receptionist when the one it talks to stops
/// answering. A cluster member that runs no store uses <see cref="ForMember"/> with the proxy its host gives it.
/// The protocol messages are the protobuf messages of <c>Dynamo.Protocol</c>; create a client-only system with
/// <see cref="CreateSystem"/> or <see cref="ClientConfig"/>, which bind ClusterClient's serializers.
/// </summary>
/// <remarks>
/// A write that was sent but got no answer within the timeout, or whose wait ended without one, throws
/// <see cref="DynamoOutcomeUnknownException"/>: it may have been stored. A read in that case is a 503
/// <see cref="DynamoRequestException"/>. Cancelling <c>ct</c> throws <see cref="OperationCanceledException"/>, and a
/// cancelled write's outcome is just as unknown. Disposing stops the ClusterClient the client started.
/// </remarks>
public sealed class DynamoActorClient : IDynamoClient, IDisposable
{
    /// <summary>Where a node's request router lives, under its system address; the receptionist knows it by this path.</summary>
    public const string RouterPath = "/user/kv";

    /// <summary>Where a member's ClusterClient receptionist lives, under its system address.</summary>
    public const string ReceptionistPath = "/system/receptionist";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly ActorSystem _system;
    private readonly IActorRef _entry;
    private readonly bool _throughClusterClient;
    private readonly string _describe;
    private readonly TimeSpan _timeout;
    private readonly RequestBatcher _batcher;
    private readonly IActorRef? _ringPoller;
    private ClientRing<IActorRef>? _ring;
    private int _disposed;

    /// <summary>
    /// A client of the cluster the node at <paramref name="nodeAddress"/> belongs to, through ClusterClient with
    /// that node's receptionist as its first contact; see <see cref="DynamoActorClient(ActorSystem, IEnumerable{string}, TimeSpan?)"/>.
    /// </summary>
    /// <param name="system">A client-only actor system, from <see cref="CreateSystem"/> or over <see cref="ClientConfig"/>.</param>
    /// <param name="nodeAddress">The node's address (<c>akka.tcp://system@host:port</c>), as <c>self</c> of its <c>GET /cluster</c> shows it.</param>
    /// <param name="timeout">How long each request waits for its reply (default 10 s; above the node's request timeout).</param>
    /// <exception cref="ArgumentException">The address is not an Akka.Remote address, or the system has no remoting or lacks ClusterClient's serializers.</exception>
    public DynamoActorClient(ActorSystem system, string nodeAddress, TimeSpan? timeout = null)
        : this(system, [nodeAddress], timeout)
    {
    }

    /// <summary>
    /// A client of the cluster the nodes at <paramref name="nodeAddresses"/> belong to, through ClusterClient: their
    /// receptionists (<c>&lt;address&gt;/system/receptionist</c>) are its initial contacts, and the receptionist it
    /// connects to hands it more. Each request goes to that member's router, which forwards it to a coordinator of the
    /// key as a request over HTTP would be; the client fails over to another contact when its member stops answering.
    /// </summary>
    /// <param name="system">A client-only actor system, from <see cref="CreateSystem"/> or over <see cref="ClientConfig"/>.</param>
    /// <param name="nodeAddresses">One or more node addresses (<c>akka.tcp://system@host:port</c>).</param>
    /// <param name="timeout">How long each request waits for its reply (default 10 s; above the node's request timeout).</param>
    /// <exception cref="ArgumentException">An address is not an Akka.Remote address, none is given, or the system has no remoting or lacks ClusterClient's serializers.</exception>
    public DynamoActorClient(ActorSystem system, IEnumerable<string> nodeAddresses, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(nodeAddresses);
        var contacts = nodeAddresses.Select(ReceptionistOf).ToImmutableHashSet();
        if (contacts.IsEmpty)
            throw new ArgumentException("At least one node address is needed as a first contact.", nameof(nodeAddresses));
        if (!((ExtendedActorSystem)system).Provider.DefaultAddress.HasGlobalScope)
            throw new ArgumentException("The actor system has no remoting: create it with DynamoActorClient.CreateSystem or akka.actor.provider = remote.", nameof(system));
        // Without these bindings a request would cross the wire as JSON, which no node reads back.
        if (system.Serialization.FindSerializerForType(typeof(Akka.Cluster.Tools.PublishSubscribe.Send)) is not DistributedPubSubMessageSerializer)
            throw new ArgumentException("The actor system does not bind ClusterClient's serializers: create it with DynamoActorClient.CreateSystem or over DynamoActorClient.ClientConfig.", nameof(system));
        _system = system;
        _timeout = Positive(timeout);
        var clientConfig = system.Settings.Config.GetConfig("dynamo.client");
        var clientDriven = clientConfig?.GetBoolean("client-driven-coordination", true) ?? true;
        var pollInterval = clientConfig?.GetTimeSpan("ring-poll-interval", ClientRing.DefaultPollInterval) ?? ClientRing.DefaultPollInterval;
        if (pollInterval <= TimeSpan.Zero)
            throw new ArgumentException($"dynamo.client.ring-poll-interval must be positive, but was {pollInterval}.", nameof(system));
        _entry = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system).WithInitialContacts(contacts)));
        _throughClusterClient = true;
        _batcher = RequestBatcher.For(system);
        if (clientDriven)
            _ringPoller = system.ActorOf(RingPoller.Props(_entry, pollInterval, ring => Volatile.Write(ref _ring, ring)));
        _describe = $"the store (ClusterClient, first contacts {string.Join(", ", contacts.Select(c => c.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal))})";
    }

    private DynamoActorClient(ActorSystem system, IActorRef proxy, TimeSpan timeout)
    {
        _system = system;
        _entry = proxy;
        _timeout = timeout;
        _batcher = RequestBatcher.For(system);
        _describe = $"the store (proxy {proxy.Path})";
    }

    /// <summary>
    /// A client for a cluster member that runs no store: it asks <paramref name="proxy"/>, an actor on this member that
    /// hands each protocol message to a member running the store and lets the reply go straight back (the proxy
    /// Dynamo's hosting extension registers, or a cluster-aware group router over <see cref="RouterPath"/>). Results and
    /// exceptions are those of a client through ClusterClient.
    /// </summary>
    /// <param name="system">The member's actor system (provider <c>cluster</c>).</param>
    /// <param name="proxy">The proxy actor.</param>
    /// <param name="timeout">How long each request waits for its reply (default 10 s; above the node's request timeout).</param>
    /// <exception cref="ArgumentException">The system is no cluster member, or the proxy is no actor.</exception>
    public static DynamoActorClient ForMember(ActorSystem system, IActorRef proxy, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(proxy);
        if (((ExtendedActorSystem)system).Provider is not IClusterActorRefProvider)
            throw new ArgumentException("The actor system is no cluster member: a client-only system reaches the store through ClusterClient (the constructor with node addresses).", nameof(system));
        if (proxy.IsNobody())
            throw new ArgumentException("The proxy is no actor.", nameof(proxy));
        return new DynamoActorClient(system, proxy, Positive(timeout));
    }

    /// <summary>
    /// The configuration of a client-only actor system: Akka.Remote (provider <c>remote</c>, not a cluster member)
    /// listening on <paramref name="hostname"/>, which the nodes must be able to reach back, and a port the system
    /// chooses; ClusterClient's settings, and its and the pub-sub mediator's serializers from Akka.Cluster.Tools. Add
    /// <c>akka.remote.dot-netty.tcp.enable-ssl</c> and its <c>ssl</c> block for a cluster with TLS.
    /// </summary>
    public static Config ClientConfig(string hostname = "127.0.0.1")
    {
        ArgumentException.ThrowIfNullOrEmpty(hostname);
        return ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = {{JsonSerializer.Serialize(hostname)}}, port = 0, maximum-frame-size = 4MiB }
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            akka.cluster.client {
              # ClusterClient's own protobuf serializer for what the application hands it, rather than JSON.
              use-legacy-serialization = off
              # A crashed member is noticed after about 11 s (Akka's defaults wait 15 s), then the client asks its other
              # contacts every second until one answers; requests sent meanwhile wait in its buffer or time out. A
              # shorter pause makes a busy member's late heartbeats look like a crash, and the client leaves a live node.
              heartbeat-interval = 1s
              acceptable-heartbeat-pause = 10s
              establishing-get-contacts-interval = 1s
            }
            dynamo.client {
              # Client-driven coordination (the Dynamo paper's section 6.4): the client polls a node for its ring and
              # sends each read and write straight to a node of the key's preference list, which coordinates it: the
              # contact member when it is on the list, the key's first reachable primary otherwise. off sends
              # everything through ClusterClient to the contact member, which forwards what it does not hold.
              client-driven-coordination = on
              # How often the client asks a random node for its ring, as the paper's clients do every 10 s. A node that
              # stops or turns unreachable drops out sooner: the client watches every router through Akka's remote
              # death watch, and every answer says which nodes the answering node reaches.
              ring-poll-interval = 10s
            }
            """)
            // Akka.Cluster.Tools joins these only when its extensions start, after the system has read its serializers.
            .WithFallback(ClusterClientReceptionist.DefaultConfig())
            .WithFallback(Akka.Cluster.Tools.PublishSubscribe.DistributedPubSub.DefaultConfig());
    }

    /// <summary>
    /// Starts a client-only actor system named <paramref name="name"/>: <paramref name="config"/> (if any) over
    /// <see cref="ClientConfig"/>. Terminate it when done.
    /// </summary>
    public static ActorSystem CreateSystem(string name = "dynamo-client", Config? config = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var full = config is null ? ClientConfig() : config.WithFallback(ClientConfig());
        return ActorSystem.Create(name, full);
    }

    /// <inheritdoc />
    public async Task<DynamoGetResult> GetAsync(string bucket, string key, int? r = null, CancellationToken ct = default)
    {
        var request = new Get { Bucket = Bucket(bucket), Key = Key(key) };
        if (r is { } quorum) request.R = Quorum(quorum, nameof(r));
        var reply = await AskAsync(request, request.Bucket, request.Key, isWrite: false, ct).ConfigureAwait(false);
        if (reply is not GetResult result) throw Failure(reply, isWrite: false);
        var status = result.Status switch
        {
            ObjectStatus.Found => DynamoObjectStatus.Found,
            ObjectStatus.Deleted => DynamoObjectStatus.Deleted,
            ObjectStatus.NotFound => DynamoObjectStatus.NotFound,
            var other => throw new DynamoRequestException(502, $"the node answered a read with status {other}"),
        };
        var siblings = result.Siblings
            .Select(s => new DynamoSibling(s.Value.ToByteArray(), string.IsNullOrEmpty(s.ContentType) ? "application/octet-stream" : s.ContentType,
                DateTimeOffset.FromUnixTimeMilliseconds(s.LastModified)))
            .ToList();
        return new DynamoGetResult(status, siblings, new DynamoContext(result.Context.Span));
    }

    /// <inheritdoc />
    public async Task<DynamoContext> PutAsync(string bucket, string key, ReadOnlyMemory<byte> value, string contentType,
        DynamoContext? context = null, int? w = null, CancellationToken ct = default)
    {
        var request = new Put
        {
            Bucket = Bucket(bucket),
            Key = Key(key),
            Value = ByteString.CopyFrom(value.Span),
            ContentType = contentType ?? "",
            Context = ByteString.CopyFrom((context ?? DynamoContext.Empty).Bytes.Span),
        };
        if (w is { } quorum) request.W = Quorum(quorum, nameof(w));
        var reply = await AskAsync(request, request.Bucket, request.Key, isWrite: true, ct).ConfigureAwait(false);
        return reply is PutResult result ? new DynamoContext(result.Context.Span) : throw Failure(reply, isWrite: true);
    }

    /// <inheritdoc />
    public async Task<DynamoContext> DeleteAsync(string bucket, string key, DynamoContext context, int? w = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = new Delete { Bucket = Bucket(bucket), Key = Key(key), Context = ByteString.CopyFrom(context.Bytes.Span) };
        if (w is { } quorum) request.W = Quorum(quorum, nameof(w));
        var reply = await AskAsync(request, request.Bucket, request.Key, isWrite: true, ct).ConfigureAwait(false);
        return reply is DeleteResult result ? new DynamoContext(result.Context.Span) : throw Failure(reply, isWrite: true);
    }

    /// <inheritdoc />
    public async Task<DynamoBucketProps> GetBucketPropsAsync(string bucket, CancellationToken ct = default)
    {
        var reply = await AskAsync(new GetBucketProps { Bucket = Bucket(bucket) }, bucket, key: null, isWrite: false, ct).ConfigureAwait(false);
        return reply is BucketPropsResult result ? FromProtocol(result.Props) : throw Failure(reply, isWrite: false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Like <c>PUT /buckets/B/props</c> over HTTP, this sets the properties for the whole cluster: the member that takes
    /// the request answers once a majority of the members hold them.
    /// </remarks>
    public async Task<DynamoBucketProps> SetBucketPropsAsync(string bucket, DynamoBucketProps props, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(props);
        var request = new SetBucketProps
        {
            Bucket = Bucket(bucket),
            Props = new BucketProps
            {
                N = Quorum(props.N, nameof(props.N)),
                R = Quorum(props.R, nameof(props.R)),
                W = Quorum(props.W, nameof(props.W)),
                Conflicts = props.Conflicts == DynamoConflictMode.LastWriteWins ? ConflictMode.LastWriteWins : ConflictMode.Siblings,
                Pw = Strict(props.PW, nameof(props.PW)),
                Pr = Strict(props.PR, nameof(props.PR)),
                ObjectBuffer = props.ObjectBuffer,
            },
        };
        var reply = await AskAsync(request, bucket, key: null, isWrite: true, ct).ConfigureAwait(false);
        return reply is BucketPropsResult result ? FromProtocol(result.Props) : throw Failure(reply, isWrite: true);
    }

    /// <summary>
    /// Stops the ClusterClient this client started (not the actor system, nor a member's proxy). Requests still waiting
    /// end as they would have: with their result or their timeout.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_ringPoller is not null) _system.Stop(_ringPoller);
        if (_throughClusterClient) _system.Stop(_entry);
    }

    // A read or write goes through the system's batcher, straight to its coordinator when the client has a ring; a
    // bucket request (key null) is asked of the member the client talks to.
    private async Task<object> AskAsync(IMessage request, string bucket, ByteString? key, bool isWrite, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var coordinator = key is null ? null : Volatile.Read(ref _ring)?.CoordinatorOf(bucket, key.Span);
        var target = coordinator ?? _entry;
        try
        {
            if (key is not null)
                return await _batcher.RequestAsync(target, coordinator is null && _throughClusterClient, request, _timeout, ct).ConfigureAwait(false);
            // Local affinity, as for a batch: the member whose receptionist took the request answers it.
            var message = _throughClusterClient ? new ClusterClient.Send(RouterPath, request, localAffinity: true) : (object)request;
            return await _entry.Ask<object>(message, _timeout, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or AskTimeoutException)
        {
            var what = $"no answer from {Describe(target)} within {_timeout.TotalMilliseconds:0} ms";
            throw isWrite ? new DynamoOutcomeUnknownException(what) : new DynamoRequestException(503, what);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The request may have left before the wait failed (the system stopping, the connection lost).
            var what = $"the wait for {Describe(target)} ended without an answer: {e.Message}";
            throw isWrite ? new DynamoOutcomeUnknownException(what) : new DynamoRequestException(503, what);
        }
    }

    /// <summary>The ring the client coordinates by; null until it has one, or when it goes through its contact only.</summary>
    internal ClientRing<IActorRef>? Ring => Volatile.Read(ref _ring);

    private string Describe(IActorRef target) =>
        target.Equals(_entry) ? _describe : $"the store (node {target.Path.Address}, coordinating by the ring)";

    /// <summary>Maps a failure reply to the exception the HTTP client raises for the answer the HTTP API gives to it.</summary>
    private static DynamoException Failure(object reply, bool isWrite)
    {
        if (reply is not KvFailure failure)
            return new DynamoRequestException(502, $"the node answered {reply.GetType().Name}");
        return failure.ReasonCase switch
        {
            KvFailure.ReasonOneofCase.QuorumNotMet => new DynamoQuorumException((int)failure.QuorumNotMet.Answered,
                (int)failure.QuorumNotMet.Needed, isWrite && failure.QuorumNotMet.OutcomeUnknown, failure.Message),
            KvFailure.ReasonOneofCase.Timeout when isWrite => new DynamoOutcomeUnknownException(
                $"timeout: no replica answered within {failure.Timeout.TimeoutMs} ms ({failure.Message})"),
            KvFailure.ReasonOneofCase.Timeout => new DynamoRequestException(503,
                $"timeout: no replica answered within {failure.Timeout.TimeoutMs} ms ({failure.Message})"),
            KvFailure.ReasonOneofCase.ValueTooLarge => new DynamoRequestException(413, failure.Message),
            KvFailure.ReasonOneofCase.TooManySiblings => new DynamoRequestException(409, failure.Message),
            KvFailure.ReasonOneofCase.InvalidContext or KvFailure.ReasonOneofCase.InvalidRequest => new DynamoRequestException(400, failure.Message),
            _ => new DynamoRequestException(500, $"the node failed the request: {failure.Message}"),
        };
    }

    private static ActorPath ReceptionistOf(string nodeAddress)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeAddress);
        var trimmed = nodeAddress.TrimEnd('/');
        if (!trimmed.StartsWith("akka.", StringComparison.Ordinal) || !Address.TryParse(trimmed, out var address) || !address.HasGlobalScope)
            throw new ArgumentException($"A node address has the form akka.tcp://system@host:port, but was \"{nodeAddress}\".", nameof(nodeAddress));
        return ActorPath.Parse(address + ReceptionistPath);
    }

    private static TimeSpan Positive(TimeSpan? timeout)
    {
        var value = timeout ?? DefaultTimeout;
        return value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The reply timeout must be positive.");
    }

    private static DynamoBucketProps FromProtocol(BucketProps props) => new((int)props.N, (int)props.R, (int)props.W,
        props.Conflicts == ConflictMode.LastWriteWins ? DynamoConflictMode.LastWriteWins : DynamoConflictMode.Siblings)
    {
        PW = (int)props.Pw,
        PR = (int)props.Pr,
        ObjectBuffer = props.ObjectBuffer,
    };

    private static string Bucket(string bucket)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        return bucket;
    }

    private static ByteString Key(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return ByteString.CopyFromUtf8(key);
    }

    private static uint Strict(int value, string name) => value >= 0
        ? (uint)value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 0.");

    private static uint Quorum(int value, string name) => value >= 1
        ? (uint)value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
}
