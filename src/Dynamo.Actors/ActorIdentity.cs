namespace Dynamo.Actors;

/// <summary>The answer to <see cref="Identify"/>; <paramref name="Subject"/> is null when nobody lives at the path.</summary>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);
