namespace Dynamo.Actors;

/// <summary>An actor's constructor or PreStart threw; by default the supervisor stops such an actor.</summary>
public sealed class ActorInitializationException : Exception
{
    /// <summary>Creates the exception for the actor <paramref name="actor"/> (may be null if unknown).</summary>
    public ActorInitializationException(IActorRef? actor, string message, Exception? innerException = null)
        : base(message, innerException) => Actor = actor;

    /// <summary>The actor that failed to start.</summary>
    public IActorRef? Actor { get; }
}
