namespace Dynamo.Actors.Internal;

/// <summary>
/// A Terminated queued by DeathWatch itself. Wrapping it keeps Unwatch exact (a queued notice for an unwatched
/// actor is dropped) without touching Terminated messages that actors forward to each other.
/// </summary>
internal sealed record TerminatedNotice(Terminated Terminated) : IAutoReceivedMessage;
