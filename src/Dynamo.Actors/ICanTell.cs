namespace Dynamo.Actors;

/// <summary>Anything a message can be told to: an actor reference or an actor selection.</summary>
public interface ICanTell
{
    /// <summary>Sends <paramref name="message"/> without waiting; <paramref name="sender"/> is what the receiver sees as Sender (null: no sender).</summary>
    void Tell(object message, IActorRef? sender);
}
