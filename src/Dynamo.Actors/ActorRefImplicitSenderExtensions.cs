using Dynamo.Actors.Internal;

namespace Dynamo.Actors;

/// <summary>Tell and Forward with the sender taken from the actor currently running on this thread.</summary>
public static class ActorRefImplicitSenderExtensions
{
    /// <summary>Tells <paramref name="message"/>; inside an actor the sender is that actor, elsewhere there is none.</summary>
    public static void Tell(this ICanTell receiver, object message) => receiver.Tell(message, ActorCell.Current?.Self);

    /// <summary>Tells <paramref name="message"/> keeping the original sender of the message being processed.</summary>
    public static void Forward(this ICanTell receiver, object message) => receiver.Tell(message, ActorCell.Current?.RawSender);
}
