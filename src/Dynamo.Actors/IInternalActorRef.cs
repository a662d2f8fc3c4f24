using Dynamo.Actors.Dispatch.SysMsg;

namespace Dynamo.Actors;

/// <summary>
/// The side of an actor reference the runtime uses: system messages (watch, stop, supervision) and locality.
/// A remote transport implements it for references to actors in other systems.
/// </summary>
public interface IInternalActorRef : IActorRef
{
    /// <summary>True when the actor lives in this process.</summary>
    bool IsLocal { get; }

    /// <summary>Delivers a system message; these overtake user messages.</summary>
    void SendSystemMessage(ISystemMessage message);

    /// <summary>The system that issued the reference; null for references that belong to no system (Nobody).</summary>
    ActorSystem? System { get; }

    /// <summary>Asks the actor to stop (after the message it is processing).</summary>
    void Stop();
}
