using Dynamo.Actors.Event;

namespace Dynamo.Actors.Internal;

/// <summary>What a lookup of a path where nobody lives resolves to: messages become dead letters addressed to that path.</summary>
internal sealed class EmptyLocalActorRef : MinimalActorRef
{
    private readonly ActorSystem _system;

    public EmptyLocalActorRef(ActorSystem system, ActorPath path)
    {
        _system = system;
        Path = path;
    }

    public override ActorPath Path { get; }

    public override ActorSystem System => _system;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _system.DeadLetters.Tell(new DeadLetter(message, sender ?? _system.DeadLetters, this), sender);
    }
}
