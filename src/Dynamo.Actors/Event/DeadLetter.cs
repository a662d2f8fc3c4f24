namespace Dynamo.Actors.Event;

/// <summary>Published when <paramref name="Message"/> could not be delivered to <paramref name="Recipient"/> (stopped or never existed).</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);
