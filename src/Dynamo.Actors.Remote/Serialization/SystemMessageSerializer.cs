using Dynamo.Actors.Dispatch.SysMsg;
using Dynamo.Actors.Remote.Watching;
using Dynamo.Actors.Remote.Wire.SystemMessages;
using Google.Protobuf;

namespace Dynamo.Actors.Remote.Serialization;

/// <summary>
/// Serializes the runtime's own messages (DeathWatch system messages, Identify/ActorIdentity, selections,
/// PoisonPill, Status.Failure, remote-watcher heartbeats) as the protobuf messages of <c>system_messages.proto</c>.
/// Actor references inside them travel as path strings with uid and are resolved on arrival by the receiving provider.
/// </summary>
internal sealed class SystemMessageSerializer : ISerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 10;

    private readonly Func<SerializerRegistry> _registry;
    private readonly Func<string, IActorRef> _resolve;
    private readonly Func<IActorRef, string> _pathOf;

    public SystemMessageSerializer(Func<SerializerRegistry> registry, Func<string, IActorRef> resolve, Func<IActorRef, string> pathOf)
    {
        _registry = registry;
        _resolve = resolve;
        _pathOf = pathOf;
    }

    /// <summary>The message types this serializer writes; the provider binds each of them.</summary>
    public static readonly IReadOnlyList<Type> Types =
    [
        typeof(Watch), typeof(Unwatch), typeof(DeathWatchNotification), typeof(Terminate), typeof(Identify),
        typeof(ActorIdentity), typeof(ActorSelectionMessage), typeof(PoisonPill), typeof(Status.Failure),
        typeof(RemoteWatcherHeartbeat), typeof(RemoteWatcherHeartbeatRsp),
    ];

    public int Identifier => Id;

    public string Manifest(object message) => message switch
    {
        Watch => "W",
        Unwatch => "U",
        DeathWatchNotification => "DWN",
        Terminate => "T",
        Identify => "I",
        ActorIdentity => "AI",
        ActorSelectionMessage => "SEL",
        PoisonPill => "PP",
        Status.Failure => "SF",
        RemoteWatcherHeartbeat => "HB",
        RemoteWatcherHeartbeatRsp => "HBR",
        _ => throw Unsupported(message),
    };

    public byte[] ToBinary(object message)
    {
        IMessage data = message switch
        {
            Watch w => new WatchData { Watchee = _pathOf(w.Watchee), Watcher = _pathOf(w.Watcher) },
            Unwatch u => new UnwatchData { Watchee = _pathOf(u.Watchee), Watcher = _pathOf(u.Watcher) },
            DeathWatchNotification d => new DeathWatchNotificationData
            {
                Actor = _pathOf(d.Actor), ExistenceConfirmed = d.ExistenceConfirmed, AddressTerminated = d.AddressTerminated,
            },
            Terminate => new TerminateData(),
            Identify i => new IdentifyData { MessageId = Nest(i.MessageId) },
            ActorIdentity a => new ActorIdentityData { MessageId = Nest(a.MessageId), Subject = a.Subject is null ? "" : _pathOf(a.Subject) },
            ActorSelectionMessage s => Selection(s),
            PoisonPill => new PoisonPillData(),
            Status.Failure f => new StatusFailureData { ExceptionType = f.Cause.GetType().FullName ?? "", Message = f.Cause.Message },
            RemoteWatcherHeartbeat => new RemoteWatcherHeartbeatData(),
            RemoteWatcherHeartbeatRsp r => new RemoteWatcherHeartbeatRspData { Uid = r.Uid },
            _ => throw Unsupported(message),
        };
        return data.ToByteArray();
    }

    public object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        try
        {
            var span = bytes.Span;
            return manifest switch
            {
                "W" => ToWatch(WatchData.Parser.ParseFrom(span)),
                "U" => ToUnwatch(UnwatchData.Parser.ParseFrom(span)),
                "DWN" => ToNotification(DeathWatchNotificationData.Parser.ParseFrom(span)),
                "T" => new Terminate(),
                "I" => new Identify(Unnest(IdentifyData.Parser.ParseFrom(span).MessageId)),
                "AI" => ToIdentity(ActorIdentityData.Parser.ParseFrom(span)),
                "SEL" => ToSelection(SelectionEnvelopeData.Parser.ParseFrom(span)),
                "PP" => PoisonPill.Instance,
                "SF" => ToFailure(StatusFailureData.Parser.ParseFrom(span)),
                "HB" => RemoteWatcherHeartbeat.Instance,
                "HBR" => new RemoteWatcherHeartbeatRsp(RemoteWatcherHeartbeatRspData.Parser.ParseFrom(span).Uid),
                _ => throw new RemoteProtocolException($"System message manifest '{manifest}' is unknown."),
            };
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RemoteProtocolException($"Payload of system message '{manifest}' is not valid: {e.Message}", e);
        }
    }

    private Watch ToWatch(WatchData d) => new(_resolve(d.Watchee), _resolve(d.Watcher));

    private Unwatch ToUnwatch(UnwatchData d) => new(_resolve(d.Watchee), _resolve(d.Watcher));

    private DeathWatchNotification ToNotification(DeathWatchNotificationData d) =>
        new(_resolve(d.Actor), d.ExistenceConfirmed, d.AddressTerminated);

    private ActorIdentity ToIdentity(ActorIdentityData d) =>
        new(Unnest(d.MessageId), d.Subject.Length == 0 ? null : _resolve(d.Subject));

    private SelectionEnvelopeData Selection(ActorSelectionMessage s)
    {
        var data = new SelectionEnvelopeData { Message = Nest(s.Message) };
        data.Elements.AddRange(s.Elements);
        return data;
    }

    private ActorSelectionMessage ToSelection(SelectionEnvelopeData d)
    {
        var inner = Unnest(d.Message) ?? throw new RemoteProtocolException("A selection arrived without a message.");
        return new ActorSelectionMessage(inner, d.Elements.ToArray());
    }

    private static Status.Failure ToFailure(StatusFailureData d) =>
        new(new RemoteFailureException(d.ExceptionType, d.Message));

    private NestedPayload? Nest(object? message)
    {
        if (message is null) return null;
        var serializer = _registry().FindFor(message.GetType());
        return new NestedPayload
        {
            SerializerId = serializer.Identifier,
            Manifest = serializer.Manifest(message),
            Message = ByteString.CopyFrom(serializer.ToBinary(message)),
        };
    }

    private object? Unnest(NestedPayload? payload) =>
        payload is null ? null : _registry().GetById(payload.SerializerId).FromBinary(payload.Message.Memory, payload.Manifest);

    private static ArgumentException Unsupported(object message) =>
        new($"{nameof(SystemMessageSerializer)} does not serialize {message.GetType()}.", nameof(message));
}
