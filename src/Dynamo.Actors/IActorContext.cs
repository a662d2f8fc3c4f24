using Dynamo.Actors.Scheduling;

namespace Dynamo.Actors;

/// <summary>
/// An actor's view of itself and the runtime, valid while it processes a message (and in its constructor).
/// Not thread-safe: never hand it to other threads or use it from a callback that runs outside the actor.
/// </summary>
public interface IActorContext : IActorRefFactory
{
    /// <summary>The actor's own reference.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the current message; dead letters when there was none.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor.</summary>
    IActorRef Parent { get; }

    /// <summary>The live children (not those already asked to stop).</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>The system the actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>The recipe the actor was created from.</summary>
    Props Props { get; }

    /// <summary>The child named <paramref name="name"/>, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    /// <summary>Asks for a <see cref="Terminated"/> message when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Stops watching; no Terminated for <paramref name="subject"/> arrives afterwards, even one already queued.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Stops <paramref name="actor"/> (a child, or the actor itself) after the message it is processing.</summary>
    void Stop(IActorRef actor);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour on top of the current one.</summary>
    void BecomeStacked(Receive receive);

    /// <summary>Pops the top behaviour, returning to the previous one (the initial one is never popped).</summary>
    void UnbecomeStacked();

    /// <summary>
    /// Sends <see cref="Actors.ReceiveTimeout"/> after <paramref name="timeout"/> without messages; null switches it off.
    /// </summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>The current receive timeout, if any.</summary>
    TimeSpan? ReceiveTimeout { get; }
}
