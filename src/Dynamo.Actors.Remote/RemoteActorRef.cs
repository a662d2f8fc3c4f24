using System.Text;
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

    internal RemoteActorRef(RemoteActorRefProvider provider, ActorPath path)
    {
        _provider = provider;
        Path = path;
        SerializedPath = path.ToSerializationFormat();
        SerializedPathUtf8 = Encoding.UTF8.GetBytes(SerializedPath);
    }

    /// <inheritdoc />
    public override ActorPath Path { get; }

    /// <inheritdoc />
    public override bool IsLocal => false;

    /// <inheritdoc />
    public override ActorSystem System => _provider.System;

    /// <summary>The path as it travels: full address, elements and <c>#uid</c> when known.</summary>
    internal string SerializedPath { get; }

    /// <summary><see cref="SerializedPath"/> in UTF-8, as every envelope to this actor carries it.</summary>
    internal byte[] SerializedPathUtf8 { get; }

    /// <summary>The endpoint for this actor's system, remembered after the first send (benign race: all writers store the same one).</summary>
    internal Endpoint? Endpoint { get; set; }

    /// <inheritdoc />
    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null) throw new ArgumentNullException(nameof(message), $"A null message cannot be sent (to {Path}).");
        _provider.SendRemote(this, message, sender);
    }

    /// <inheritdoc />
    public override void SendSystemMessage(ISystemMessage message) => _provider.SendSystemMessageRemote(this, message);
}
