using Dynamo.Actors.Dispatch.SysMsg;

namespace Dynamo.Actors;

/// <summary>
/// A reference without a mailbox or actor behind it: it reacts to Tell directly on the caller's thread.
/// Used for dead letters, Ask replies and the stdout logger; ignores system messages unless overridden.
/// </summary>
public abstract class MinimalActorRef : ActorRefBase
{
    /// <inheritdoc />
    public override bool IsLocal => true;

    /// <inheritdoc />
    public override void Tell(object message, IActorRef? sender) { }

    /// <inheritdoc />
    /// <remarks>Nothing lives behind it, so a watcher is told at once that it is gone.</remarks>
    public override void SendSystemMessage(ISystemMessage message)
    {
        if (message is Watch watch && watch.Watchee.Equals(this) && watch.Watcher is IInternalActorRef watcher)
            watcher.SendSystemMessage(new DeathWatchNotification(this, false, false));
    }
}
