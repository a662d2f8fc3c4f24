namespace Dynamo.Actors.Event;

/// <summary>Published when <paramref name="Recipient"/> received <paramref name="Message"/> but its behaviour did not handle it.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
