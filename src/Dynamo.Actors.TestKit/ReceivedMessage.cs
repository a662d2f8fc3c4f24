namespace Dynamo.Actors.TestKit;

/// <summary>A message a test actor received, with its sender.</summary>
public sealed record ReceivedMessage(object Message, IActorRef Sender);
