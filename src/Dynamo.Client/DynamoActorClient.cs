using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Client;

/// <summary>
/// A client over the actor protocol: asks a node's request router (<c>&lt;address&gt;/user/kv</c>) from an actor
/// system with Akka.Remote that is no cluster member, and maps its replies to the same results and exceptions as
/// <see cref="DynamoHttpClient"/>. The protocol messages are protobuf messages, which Akka.Remote serializes with
/// its built-in protobuf serializer; create the system with <see cref="CreateSystem"/> or <see cref="ClientConfig"/>.
/// </summary>
public sealed class DynamoActorClient : IDynamoClient
{
    /// <summary>Where a node's request router lives, under its system address.</summary>
    public const string RouterPath = "/user/kv";

    private readonly IActorRef _router;
    private readonly TimeSpan _timeout;

    /// <summary>
    /// A client of the node at <paramref name="nodeAddress"/> (<c>akka.tcp://system@host:port</c>), waiting at most
    /// <paramref name="timeout"/> for each reply (default 10 s; it should exceed the node's request timeout).
    /// </summary>
    /// <param name="system">An actor system with Akka.Remote (provider <c>remote</c>), e.g. from <see cref="CreateSystem"/>.</param>
    /// <param name="nodeAddress">The node's address, as <c>self</c> of its <c>GET /cluster</c> shows it.</param>
    /// <param name="timeout">How long each request waits for its reply.</param>
    /// <exception cref="ArgumentException">The address is not an Akka.Remote address, or the system has no remoting.</exception>
    public DynamoActorClient(ActorSystem system, string nodeAddress, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrEmpty(nodeAddress);
        var trimmed = nodeAddress.TrimEnd('/');
        if (!trimmed.StartsWith("akka.", StringComparison.Ordinal) || !Address.TryParse(trimmed, out var address) || !address.HasGlobalScope)
            throw new ArgumentException($"A node address has the form akka.tcp://system@host:port, but was \"{nodeAddress}\".", nameof(nodeAddress));
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
        if (_timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The reply timeout must be positive.");
        var provider = ((ExtendedActorSystem)system).Provider;
        if (!provider.DefaultAddress.HasGlobalScope)
            throw new ArgumentException("The actor system has no remoting: create it with DynamoActorClient.CreateSystem or akka.actor.provider = remote.", nameof(system));
        _router = provider.ResolveActorRef(trimmed + RouterPath);
    }

    /// <summary>
    /// The configuration of a client-only actor system: Akka.Remote (provider <c>remote</c>, not a cluster member)
    /// listening on <paramref name="hostname"/>, which the node must be able to reach back, and a port the system
    /// chooses. Add <c>akka.remote.dot-netty.tcp.enable-ssl</c> and its <c>ssl</c> block for a cluster with TLS.
    /// </summary>
    public static Config ClientConfig(string hostname = "127.0.0.1")
    {
        ArgumentException.ThrowIfNullOrEmpty(hostname);
        return ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = {{JsonSerializer.Serialize(hostname)}}, port = 0, maximum-frame-size = 4MiB }
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            """);
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
        var reply = await AskAsync(request, ct).ConfigureAwait(false);
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
        var reply = await AskAsync(request, ct).ConfigureAwait(false);
        return reply is PutResult result ? new DynamoContext(result.Context.Span) : throw Failure(reply, isWrite: true);
    }

    /// <inheritdoc />
    public async Task<DynamoContext> DeleteAsync(string bucket, string key, DynamoContext context, int? w = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = new Delete { Bucket = Bucket(bucket), Key = Key(key), Context = ByteString.CopyFrom(context.Bytes.Span) };
        if (w is { } quorum) request.W = Quorum(quorum, nameof(w));
        var reply = await AskAsync(request, ct).ConfigureAwait(false);
        return reply is DeleteResult result ? new DynamoContext(result.Context.Span) : throw Failure(reply, isWrite: true);
    }

    /// <inheritdoc />
    public async Task<DynamoBucketProps> GetBucketPropsAsync(string bucket, CancellationToken ct = default)
    {
        var reply = await AskAsync(new GetBucketProps { Bucket = Bucket(bucket) }, ct).ConfigureAwait(false);
        return reply is BucketPropsResult result ? FromProtocol(result.Props) : throw Failure(reply, isWrite: false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Like <c>PUT /buckets/B/props</c> over HTTP, this sets the properties for the whole cluster: the addressed node
    /// answers once a majority of the members hold them.
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
        var reply = await AskAsync(request, ct).ConfigureAwait(false);
        return reply is BucketPropsResult result ? FromProtocol(result.Props) : throw Failure(reply, isWrite: true);
    }

    private async Task<object> AskAsync(IMessage request, CancellationToken ct)
    {
        try
        {
            return await _router.Ask(request, _timeout, ct).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            // The same answer as the HTTP API's reply timeout: a write (bucket properties included) may still have been stored.
            bool write = request is Put or Delete or SetBucketProps;
            throw new DynamoRequestException(503, $"no answer from {_router.Path} within {_timeout.TotalMilliseconds:0} ms"
                + (write ? "; unknown outcome: the write may have been stored" : ""), outcomeUnknown: write);
        }
    }

    /// <summary>Maps a failure reply to the exception the HTTP client raises for the status the HTTP API answers.</summary>
    private static DynamoException Failure(object reply, bool isWrite)
    {
        if (reply is not KvFailure failure)
            return new DynamoRequestException(502, $"the node answered {reply.GetType().Name}");
        return failure.ReasonCase switch
        {
            KvFailure.ReasonOneofCase.QuorumNotMet => new DynamoQuorumException((int)failure.QuorumNotMet.Answered,
                (int)failure.QuorumNotMet.Needed, failure.QuorumNotMet.OutcomeUnknown, failure.Message),
            KvFailure.ReasonOneofCase.Timeout => new DynamoRequestException(503,
                $"timeout: no replica answered within {failure.Timeout.TimeoutMs} ms"
                + (isWrite ? "; unknown outcome: the write may have been stored" : "") + $" ({failure.Message})", outcomeUnknown: isWrite),
            KvFailure.ReasonOneofCase.ValueTooLarge => new DynamoRequestException(413, failure.Message),
            KvFailure.ReasonOneofCase.TooManySiblings => new DynamoRequestException(409, failure.Message),
            _ => new DynamoRequestException(400, failure.Message),
        };
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
