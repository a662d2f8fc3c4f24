namespace Dynamo.Actors;

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>"No sender": replies to it go to dead letters.</summary>
    public static readonly IActorRef? NoSender = null;

    /// <summary>A reference to no actor at all; messages told to it vanish.</summary>
    public static readonly IActorRef Nobody = Actors.Nobody.Instance;
}
