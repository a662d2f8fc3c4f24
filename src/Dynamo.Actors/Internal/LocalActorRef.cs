using Dynamo.Actors.Dispatch;
using Dynamo.Actors.Dispatch.SysMsg;

namespace Dynamo.Actors.Internal;

/// <summary>The reference to an actor in this process: telling enqueues straight into its mailbox.</summary>
internal sealed class LocalActorRef : ActorRefBase
{
    public LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        Path = path;
    }

    public ActorCell Cell { get; }

    public override ActorPath Path { get; }

    public override bool IsLocal => true;

    public override ActorSystem System => Cell.System;

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null) throw new ArgumentNullException(nameof(message), $"A null message cannot be sent (to {Path}).");
        Cell.Mailbox.Post(new Envelope(message, sender));
    }

    public override void SendSystemMessage(ISystemMessage message) => Cell.Mailbox.PostSystem(message);
}
