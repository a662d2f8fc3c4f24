namespace Dynamo.Actors;

/// <summary>
/// An immutable, shareable handle to an actor: the only way to talk to it.
/// Two references are equal when they name the same path and incarnation.
/// </summary>
public interface IActorRef : ICanTell, IEquatable<IActorRef>, IComparable<IActorRef>
{
    /// <summary>Where the actor lives; its <see cref="ActorPath.Uid"/> names the incarnation.</summary>
    ActorPath Path { get; }
}
