namespace Dynamo.Actors.Remote.Tests.Actors;

/// <summary>Forwards every message to the target, keeping the original sender.</summary>
public sealed class ForwardTo : ReceiveActor
{
    public ForwardTo(IActorRef target) => ReceiveAny(m => target.Tell(m, Sender));
}
