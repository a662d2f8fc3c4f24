using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dynamo.Actors.Remote.Endpoints;
using Dynamo.Actors.Remote.Events;
using Dynamo.Actors.Remote.Serialization;
using Dynamo.Actors.Remote.Transport;
using Dynamo.Actors.Remote.Wire;

namespace Dynamo.Actors.Remote;

/// <summary>
/// The remoting of one actor system incarnation: sends envelopes to remote systems and hands inbound ones to
/// the local dispatcher. Keeps one association per remote system (whichever side opened it), proves the cluster
/// cookie in a challenge–response handshake, recognises restarted systems by their uid, refuses quarantined
/// incarnations, and reconnects with exponential backoff while envelopes wait. Delivery is at most once and in
/// send order per pair of systems.
/// </summary>
public sealed class Remoting : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Address, Endpoint> _endpoints = new();
    private readonly HashSet<(Address Address, ulong Uid)> _quarantined = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly string _systemName;
    private readonly SerializerRegistry _serializers;
    private readonly Action<InboundEnvelope> _deliver;
    private readonly Action<RemoteLogEntry> _log;
    private ITimer? _heartbeat;
    private Address? _localAddress;

    /// <summary>Creates the remoting of a system; it opens nothing until <see cref="StartAsync"/>.</summary>
    /// <param name="systemName">Name of the local actor system (the <c>system</c> part of its address).</param>
    /// <param name="settings">Remote settings; the listening host and port come from here.</param>
    /// <param name="transport">TCP, a fault-injecting decorator, or a simulated network.</param>
    /// <param name="serializers">Serializers for outbound messages and for inbound payloads.</param>
    /// <param name="deliver">Called, on the association's reader thread and in order, for every inbound envelope.</param>
    /// <param name="log">Receives this layer's log lines; null discards them.</param>
    /// <param name="time">Clock for timers (heartbeats, handshake timeouts, backoff); the system clock by default.</param>
    public Remoting(string systemName, RemoteSettings settings, ITransport transport, SerializerRegistry serializers,
        Action<InboundEnvelope> deliver, Action<RemoteLogEntry>? log = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemName);
        _systemName = systemName;
        Settings = settings.Validate();
        Transport = transport;
        _serializers = serializers;
        _deliver = deliver;
        _log = log ?? (_ => { });
        Time = time ?? TimeProvider.System;
        Uid = NewUid();
    }

    /// <summary>Raised for every association event (established, lost, failed, incarnation changed, quarantined), outside any lock.</summary>
    public event Action<AssociationEvent>? AssociationEvents;

    /// <summary>This incarnation's uid: random per start, so a restart on the same address is told apart.</summary>
    public ulong Uid { get; }

    /// <summary>The address this system is reachable at, with the bound port.</summary>
    /// <exception cref="InvalidOperationException">Not started yet.</exception>
    public Address LocalAddress => _localAddress ?? throw new InvalidOperationException("Remoting has not been started.");

    internal RemoteSettings Settings { get; }

    internal ITransport Transport { get; }

    internal TimeProvider Time { get; }

    internal CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>Starts listening and returns the bound address (port 0 in the settings picks a free one).</summary>
    public async Task<Address> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_localAddress is not null) throw new InvalidOperationException($"Remoting already listens on {_localAddress}.");
        var requested = new Address(Address.TcpProtocol, _systemName, Settings.Hostname, Settings.Port);
        _localAddress = await Transport.ListenAsync(requested, OnInbound, cancellationToken).ConfigureAwait(false);
        _heartbeat = Time.CreateTimer(_ => Tick(), null, Settings.HeartbeatInterval, Settings.HeartbeatInterval);
        Log(RemoteLogLevel.Info, $"Remoting started at {_localAddress} with uid {Uid}.");
        return _localAddress;
    }

    /// <summary>
    /// Serializes <paramref name="message"/> and sends it to <paramref name="recipientPath"/> on <paramref name="remote"/>,
    /// associating first if needed. Returns false (and logs) when the envelope had to be dropped because the send
    /// buffer is full. Messages from one thread to one remote system arrive in the order sent.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not started, or no serializer is bound for the message type.</exception>
    /// <exception cref="ArgumentException">The address is this system's own or not a remote address, or the envelope exceeds the maximum frame size.</exception>
    public bool Send(Address remote, string recipientPath, string? senderPath, object message)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipientPath);
        ArgumentNullException.ThrowIfNull(message);
        if (!remote.HasGlobalScope) throw new ArgumentException($"'{remote}' is not a remote address (it names no host and port).", nameof(remote));
        if (remote == LocalAddress) throw new ArgumentException($"'{remote}' is this system's own address; deliver locally instead.", nameof(remote));
        var serializer = _serializers.FindFor(message.GetType());
        return EndpointFor(remote).Send(recipientPath, senderPath, serializer.Identifier, serializer.Manifest(message), serializer.ToBinary(message));
    }

    /// <summary>
    /// <see cref="Send(Address, string, string?, object)"/> for a remote reference: its endpoint, once checked, is kept on
    /// the reference, so a Tell does no address hashing.
    /// </summary>
    internal bool Send(RemoteActorRef target, string? senderPath, object message)
    {
        var endpoint = target.Endpoint;
        if (endpoint is null)
        {
            var remote = target.Address;
            if (!remote.HasGlobalScope) throw new ArgumentException($"'{remote}' is not a remote address (it names no host and port).", nameof(target));
            if (remote == LocalAddress) throw new ArgumentException($"'{remote}' is this system's own address; deliver locally instead.", nameof(target));
            // Endpoints live as long as remoting, so the reference may keep the one for its address.
            target.Endpoint = endpoint = EndpointFor(remote);
        }
        var serializer = _serializers.FindFor(message.GetType());
        return endpoint.Send(target.SerializedPath, senderPath, serializer.Identifier, serializer.Manifest(message), serializer.ToBinary(message));
    }

    /// <summary>
    /// Quarantines incarnation <paramref name="uid"/> of <paramref name="remote"/>: its association is closed and it
    /// is never associated again (Akka's semantics). A later incarnation at the same address is accepted.
    /// </summary>
    public void Quarantine(Address remote, ulong uid, string reason)
    {
        lock (_quarantined)
        {
            if (!_quarantined.Add((remote, uid))) return;
        }
        Log(RemoteLogLevel.Warning, $"Quarantined {remote} incarnation {uid}: {reason}");
        Publish(new IncarnationQuarantined(remote, uid, reason));
        if (_endpoints.TryGetValue(remote, out var endpoint)) endpoint.Quarantined(uid);
    }

    /// <summary>True when incarnation <paramref name="uid"/> of <paramref name="remote"/> is quarantined.</summary>
    public bool IsQuarantined(Address remote, ulong uid)
    {
        lock (_quarantined) return _quarantined.Contains((remote, uid));
    }

    /// <summary>The uid of the incarnation of <paramref name="remote"/> currently associated, or null.</summary>
    public ulong? AssociatedUid(Address remote) =>
        _endpoints.TryGetValue(remote, out var endpoint) ? endpoint.AssociatedUid : null;

    /// <summary>Tells every associated system this one is leaving, then closes the transport.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_shutdown.IsCancellationRequested) return;
        _shutdown.Cancel();
        _heartbeat?.Dispose();
        foreach (var endpoint in _endpoints.Values) endpoint.Active?.Disassociate("system shutting down");
        await Transport.DisposeAsync().ConfigureAwait(false);
        Log(RemoteLogLevel.Info, $"Remoting at {_localAddress} stopped.");
    }

    internal Endpoint EndpointFor(Address remote) => _endpoints.GetOrAdd(remote, static (a, self) => new Endpoint(self, a), this);

    internal object Deserialize(Payload payload) =>
        _serializers.GetById(payload.SerializerId).FromBinary(payload.Message.Memory, payload.Manifest);

    internal object Deserialize(int serializerId, ReadOnlyMemory<byte> bytes, string manifest) =>
        _serializers.GetById(serializerId).FromBinary(bytes, manifest);

    internal void Deliver(InboundEnvelope envelope)
    {
        try
        {
            _deliver(envelope);
        }
        catch (Exception e)
        {
            // A failing local dispatcher must not tear down the association every other actor depends on.
            Log(RemoteLogLevel.Error, $"Delivering an envelope from {envelope.Origin} to {envelope.RecipientPath} failed.", e);
        }
    }

    internal void Publish(AssociationEvent associationEvent)
    {
        try
        {
            AssociationEvents?.Invoke(associationEvent);
        }
        catch (Exception e)
        {
            Log(RemoteLogLevel.Error, $"An association event subscriber failed on {associationEvent}.", e);
        }
    }

    internal void Log(RemoteLogLevel level, string message, Exception? exception = null) =>
        _log(new RemoteLogEntry(level, message, exception));

    private void OnInbound(IAssociation association)
    {
        if (_shutdown.IsCancellationRequested)
        {
            association.Abort("system shutting down");
            return;
        }
        if (Volatile.Read(ref _localAddress) is null)
        {
            // A peer retrying a fixed port can connect between bind and the end of StartAsync; it will retry.
            association.Abort("system still starting");
            return;
        }
        association.Start(new ProtocolHandle(this, association, expectedRemote: null));
    }

    private void Tick()
    {
        foreach (var endpoint in _endpoints.Values) endpoint.Active?.Tick();
    }

    private static ulong NewUid()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong uid;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            uid = BitConverter.ToUInt64(bytes);
        } while (uid == 0);
        return uid;
    }
}
