namespace Dynamo.Actors;

/// <summary>
/// A message on its way through an <see cref="ActorSelection"/>: delivered to the anchor, which walks
/// <paramref name="Elements"/> in its own system. This is how a selection reaches actors in another system.
/// </summary>
public sealed record ActorSelectionMessage(object Message, IReadOnlyList<string> Elements) : IAutoReceivedMessage;
