using Dynamo.Actors.Dispatch.SysMsg;
using Dynamo.Actors.Remote.Endpoints;

namespace Dynamo.Actors.Remote;

/// <summary>
/// A reference to an actor in another actor system: Tell serializes the message and sends it over the
/// association with that system; system messages (Watch, Unwatch, DeathWatchNotification, Terminate) travel the
/// same way, with watches also recorded by the remote watcher so that losing the system terminates its watchees.
/// </summary>
public sealed class RemoteActorRef : ActorRefBase
{
    private readonly RemoteActorRefProvider _provider;
    private ActorPath? _path;

    internal RemoteActorRef(RemoteActorRefProvider provider, ActorPath path)
        : this(provider, path.ToSerializationFormat(), path.Address)
    {
        _path = path;
    }

    /// <summary>
    /// A reference from the string an envelope named it by, already checked to be a path of <paramref name="address"/>.
    /// Sending needs only the string and the address, so the <see cref="Path"/> is built only if someone asks for it:
    /// most senders of inbound envelopes are only ever replied to.
    /// </summary>
    internal RemoteActorRef(RemoteActorRefProvider provider, string serializedPath, Address address)
    {
        _provider = provider;
        SerializedPath = serializedPath;
        Address = address;
    }

    /// <inheritdoc />
    public override ActorPath Path => Volatile.Read(ref _path) ?? ParsePath();

    /// <inheritdoc />
    public override bool IsLocal => false;

    /// <inheritdoc />
    public override ActorSystem System => _provider.System;

    /// <summary>The path as it travels: full address, elements and <c>#uid</c> when known.</summary>
    internal string SerializedPath { get; }

    /// <summary>The address of the actor's system (that of <see cref="Path"/>).</summary>
    internal Address Address { get; }

    /// <summary>The endpoint for this actor's system, remembered after the first send (benign race: all writers store the same one).</summary>
    internal Endpoint? Endpoint { get; set; }

    /// <inheritdoc />
    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null) throw new ArgumentNullException(nameof(message), $"A null message cannot be sent (to {SerializedPath}).");
        _provider.SendRemote(this, message, sender);
    }

    /// <inheritdoc />
    public override void SendSystemMessage(ISystemMessage message) => _provider.SendSystemMessageRemote(this, message);

    private ActorPath ParsePath()
    {
        // The string was validated when the reference was made, so parsing cannot fail; all threads agree on one instance.
        var parsed = ActorPath.Parse(SerializedPath);
        return Interlocked.CompareExchange(ref _path, parsed, null) ?? parsed;
    }
}
