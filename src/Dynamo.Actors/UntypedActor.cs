namespace Dynamo.Actors;

/// <summary>An actor with a single <see cref="OnReceive"/> method; call <see cref="ActorBase.Unhandled"/> for messages it does not know.</summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles one message.</summary>
    protected abstract void OnReceive(object message);

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
