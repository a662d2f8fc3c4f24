namespace Dynamo.Actors.Dispatch;

/// <summary>A user message with its sender, as it sits in a mailbox; a struct so queuing allocates nothing extra.</summary>
public readonly record struct Envelope(object Message, IActorRef? Sender);
