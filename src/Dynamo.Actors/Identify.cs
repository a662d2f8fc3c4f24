namespace Dynamo.Actors;

/// <summary>Every actor answers it with <see cref="ActorIdentity"/>; used to resolve selections to references.</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage;
