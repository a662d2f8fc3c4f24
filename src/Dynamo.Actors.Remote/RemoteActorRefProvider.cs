using System.Collections.Concurrent;
using Dynamo.Actors.Dispatch.SysMsg;
using Dynamo.Actors.Event;
using Dynamo.Actors.Internal;
using Dynamo.Actors.Remote.Events;
using Dynamo.Actors.Remote.Serialization;
using Dynamo.Actors.Remote.Transport;
using Dynamo.Actors.Remote.Watching;

namespace Dynamo.Actors.Remote;

/// <summary>
/// The provider of a networked actor system (Akka's RemoteActorRefProvider): the local provider with the address
/// remoting is bound to, resolving other systems' paths into <see cref="RemoteActorRef"/>s, and delivering what
/// arrives from the network to local actors. Plug it in with <see cref="Factory"/> as
/// <see cref="ActorSystemSettings.ProviderFactory"/>, or create the whole system with <see cref="RemoteActorSystem"/>.
/// </summary>
public sealed class RemoteActorRefProvider : LocalActorRefProvider
{
    /// <summary>Name of the remote watcher under <c>/system</c>; every remote system's watcher is probed there.</summary>
    public const string RemoteWatcherName = "remote-watcher";

    private const int InboundCacheSlots = 1024;
    private const int KnownAddressLimit = 1024;
    private readonly InboundRefCache _inboundCache = new(InboundCacheSlots);
    private readonly ConcurrentDictionary<string, Address> _knownAddresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Address>.AlternateLookup<ReadOnlySpan<char>> _knownAddressesBySpan;
    private readonly string _addressText;
    private IActorRef? _watcher;
    private volatile ResolvedPath? _lastInbound;
    private volatile bool _ready;

    private RemoteActorRefProvider(ActorSystem system, Address address, Remoting remoting, RemoteSettings settings, SerializerRegistry serializers)
        : base(system, address)
    {
        System = system;
        Remoting = remoting;
        RemoteSettings = settings;
        Serializers = serializers;
        _addressText = address.ToString();
        _knownAddressesBySpan = _knownAddresses.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The system this provider belongs to.</summary>
    public ActorSystem System { get; }

    /// <summary>The transport layer carrying this system's envelopes.</summary>
    public Remoting Remoting { get; }

    /// <summary>The remoting settings it runs with.</summary>
    public RemoteSettings RemoteSettings { get; }

    /// <summary>The serializers used for every message that leaves or enters this system.</summary>
    public SerializerRegistry Serializers { get; }

    /// <summary>
    /// A provider factory for <see cref="ActorSystemSettings.ProviderFactory"/>: builds the serializer registry
    /// (built-ins, the runtime's own messages, then <paramref name="configureSerializers"/>), starts remoting on
    /// <paramref name="transport"/> (TCP by default) and gives the system the bound address before any actor exists.
    /// </summary>
    /// <param name="settings">Host, port, cookie and timings.</param>
    /// <param name="transport">Builds the transport; default <see cref="Transport.Tcp.TcpTransport"/>.</param>
    /// <param name="configureSerializers">Binds application message types (and protobuf descriptors are passed in <paramref name="protobufMessages"/>).</param>
    /// <param name="protobufMessages">Protobuf message types the default protobuf serializer must be able to read.</param>
    public static Func<ActorSystem, IActorRefProvider> Factory(RemoteSettings settings, Func<RemoteSettings, ITransport>? transport = null,
        Action<SerializerRegistry>? configureSerializers = null, IEnumerable<Google.Protobuf.Reflection.MessageDescriptor>? protobufMessages = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return system => Start(system, settings, transport, configureSerializers, protobufMessages?.ToArray() ?? []);
    }

    private static RemoteActorRefProvider Start(ActorSystem system, RemoteSettings settings, Func<RemoteSettings, ITransport>? transportFactory,
        Action<SerializerRegistry>? configureSerializers, Google.Protobuf.Reflection.MessageDescriptor[] protobufMessages)
    {
        RemoteActorRefProvider? provider = null;
        var registry = SerializerRegistry.CreateDefault(protobufMessages);
        var systemSerializer = new SystemMessageSerializer(() => registry, path => provider!.ResolveActorRef(path), r => provider!.SerializedPathOf(r));
        foreach (var type in SystemMessageSerializer.Types) registry.Bind(type, systemSerializer);
        configureSerializers?.Invoke(registry);

        Action<RemoteLogEntry> log = entry => Log(system, entry);
        var transport = transportFactory?.Invoke(settings) ?? new Transport.Tcp.TcpTransport(settings, log);
        var remoting = new Remoting(system.Name, settings, transport, registry, envelope => provider?.DeliverInbound(envelope), log);
        // The address must be known before the first actor path is made, so the provider factory waits for the bind.
        var address = remoting.StartAsync().GetAwaiter().GetResult();
        provider = new RemoteActorRefProvider(system, address, remoting, settings, registry);
        return provider;
    }

    /// <inheritdoc />
    public override void Init()
    {
        base.Init();
        _watcher = System.SystemActorOf(Props.Create(() => new RemoteWatcher(this)), RemoteWatcherName);
        Remoting.AssociationEvents += e =>
        {
            // References of a restarted or quarantined system must not outlive it in the cache.
            if (e is IncarnationChanged or IncarnationQuarantined) _inboundCache.Clear();
            _watcher.Tell(e, null);
            System.EventStream.Publish(e);
        };
        _ready = true;
        // Remoting outlives the actors so that their last DeathWatch notifications still leave this system.
        System.WhenTerminated.ContinueWith(_ => Remoting.DisposeAsync().AsTask(), TaskScheduler.Default);
    }

    /// <summary>The remote watcher (<c>/system/remote-watcher</c>); the cluster tells it about members.</summary>
    internal IActorRef RemoteWatcher => _watcher ?? throw new InvalidOperationException("The provider is not initialised yet.");

    /// <summary>The incarnation uid of this system (the remoting uid), as cluster membership uses it.</summary>
    public long Uid => unchecked((long)Remoting.Uid);

    /// <summary>The string form a reference travels in: full path with address and <c>#uid</c>. Custom serializers use it to embed references.</summary>
    public string SerializedPathOf(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        // Paths keep their formatted text, so no table from references to strings is needed (it would hold a GC handle per actor).
        return actor is RemoteActorRef remote ? remote.SerializedPath : actor.Path.ToSerializationFormat();
    }

    /// <inheritdoc />
    protected override IActorRef ResolveForeign(ActorPath path) =>
        path.Address.HasGlobalScope && path.Address.Protocol == Address.TcpProtocol
            ? new RemoteActorRef(this, path)
            : base.ResolveForeign(path);

    internal void SendRemote(RemoteActorRef target, object message, IActorRef? sender)
    {
        string? senderPath = sender is null || sender is Nobody || ReferenceEquals(sender, DeadLetters) ? null : SerializedPathOf(sender);
        try
        {
            if (!Remoting.Send(target, senderPath, message))
                Undeliverable(target, message, sender, "the send buffer towards it is full");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            Undeliverable(target, message, sender, e.Message);
        }
    }

    internal void SendSystemMessageRemote(RemoteActorRef target, ISystemMessage message)
    {
        switch (message)
        {
            case Watch watch when watch.Watchee.Equals(target):
                _watcher!.Tell(new WatchRemote(target, watch.Watcher), null);
                break;
            case Unwatch unwatch when unwatch.Watchee.Equals(target):
                _watcher!.Tell(new UnwatchRemote(target, unwatch.Watcher), null);
                break;
            case Watch or Unwatch or DeathWatchNotification or Terminate:
                SendSystemMessageOverWire(target, message);
                break;
            default:
                System.Log.Warning("System message {0} cannot be sent to the remote actor {1}; it is dropped.", message, target);
                break;
        }
    }

    internal void SendSystemMessageOverWire(IActorRef target, ISystemMessage message)
    {
        if (target is RemoteActorRef remote) SendRemote(remote, message, null);
        else ((IInternalActorRef)target).SendSystemMessage(message);
    }

    private void Undeliverable(IActorRef target, object message, IActorRef? sender, string reason)
    {
        System.Log.Warning("Message {0} to {1} was not sent: {2}.", message.GetType().Name, target.Path, reason);
        DeadLetters.Tell(new DeadLetter(message, sender ?? DeadLetters, target), sender);
    }

    /// <summary>Hands an envelope from the network to its local recipient; runs on the association's reader.</summary>
    private void DeliverInbound(InboundEnvelope envelope)
    {
        if (!_ready)
        {
            System.Log.Warning("Message {0} from {1} arrived before the system finished starting; dropped.", envelope.Message.GetType().Name, envelope.Origin);
            return;
        }
        var recipient = ResolveInbound(envelope.RecipientPath);
        var sender = envelope.SenderPath is null ? null : ResolveSender(envelope.SenderPath);
        switch (envelope.Message)
        {
            case DeathWatchNotification notice:
                ((IInternalActorRef)recipient).SendSystemMessage(notice);
                if (notice.Actor is RemoteActorRef) _watcher!.Tell(new WatcheeTerminated(notice.Actor), null);
                break;
            case ISystemMessage system:
                ((IInternalActorRef)recipient).SendSystemMessage(system);
                break;
            case ActorSelectionMessage selection when recipient is LocalActorRef anchor:
                if (selection.Message is Identify identify && ActorSelection.ResolveLocal(anchor, selection.Elements).Count == 0)
                    sender?.Tell(new ActorIdentity(identify.MessageId, null), anchor);
                else
                    ActorSelection.DeliverSelection(anchor, selection, sender);
                break;
            default:
                recipient.Tell(envelope.Message, sender);
                break;
        }
    }

    /// <summary>The inbound path cache, for tests.</summary>
    internal InboundRefCache InboundCache => _inboundCache;

    private IActorRef ResolveInbound(string recipientPath)
    {
        // Remoting hands over the same string instance for a recurring path, so a run of envelopes to one actor
        // is resolved by one reference comparison instead of hashing the path each time.
        if (_lastInbound is { } last && ReferenceEquals(last.Path, recipientPath) && last.Actor is not LocalActorRef { Cell.IsTerminated: true })
            return last.Actor;
        if (_inboundCache.TryGet(recipientPath, out var cached))
        {
            if (cached is not LocalActorRef { Cell.IsTerminated: true })
            {
                _lastInbound = new ResolvedPath(recipientPath, cached);
                return cached;
            }
            _inboundCache.Forget(recipientPath);
        }
        if (!ActorPathSyntax.TrySplit(recipientPath, out int addressLength, out int elementsEnd, out long uid))
            return ResolveActorRef(recipientPath);
        // A sender may name this system by another host alias; the elements are what identify the actor.
        var local = TryResolveLocal(recipientPath.AsSpan(addressLength, elementsEnd - addressLength), uid);
        if (local is not null)
        {
            // Only an incarnation is remembered: a path without uid must find whichever actor lives there now, and a
            // temporary actor (an Ask's promise) answers once.
            if (uid != ActorPath.UndefinedUid && local is LocalActorRef) _inboundCache.Offer(recipientPath, local);
            return local;
        }
        return ActorPath.TryParse(recipientPath, out var path) ? ResolveActorRef(path.WithAddress(Address)) : ResolveActorRef(recipientPath);
    }

    private IActorRef ResolveSender(string path)
    {
        if (_inboundCache.TryGet(path, out var cached)) return cached;
        var resolved = ResolveRemote(path) ?? ResolveActorRef(path);
        if (resolved is RemoteActorRef) _inboundCache.Offer(path, resolved);
        return resolved;
    }

    /// <summary>
    /// A reference to the actor of another system that <paramref name="path"/> names, made from the string as it is:
    /// the address is looked up among those seen before, nothing else is parsed. Null when the path is not of that form.
    /// </summary>
    private RemoteActorRef? ResolveRemote(string path)
    {
        if (!ActorPathSyntax.TrySplit(path, out int addressLength, out _, out _)) return null;
        var addressText = path.AsSpan(0, addressLength);
        if (addressText.SequenceEqual(_addressText)) return null;
        if (!_knownAddressesBySpan.TryGetValue(addressText, out var address))
        {
            if (!Address.TryParse(path, out address)) return null;
            // Bounded so that a peer naming ever new addresses cannot grow it; past the bound addresses are parsed each time.
            if (_knownAddresses.Count < KnownAddressLimit) _knownAddresses.TryAdd(addressText.ToString(), address);
        }
        if (!address.HasGlobalScope || address.Protocol != Address.TcpProtocol || address == Address) return null;
        return new RemoteActorRef(this, path, address);
    }

    private sealed record ResolvedPath(string Path, IActorRef Actor);

    private static void Log(ActorSystem system, RemoteLogEntry entry)
    {
        switch (entry.Level)
        {
            case RemoteLogLevel.Error:
                if (entry.Exception is null) system.Log.Error("{0}", entry.Message);
                else system.Log.Error(entry.Exception, "{0}", entry.Message);
                break;
            case RemoteLogLevel.Warning:
                system.Log.Warning("{0}", entry.Message);
                break;
            case RemoteLogLevel.Info:
                system.Log.Info("{0}", entry.Message);
                break;
            default:
                system.Log.Debug("{0}", entry.Message);
                break;
        }
    }
}
