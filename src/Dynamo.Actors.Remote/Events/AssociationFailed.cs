namespace Dynamo.Actors.Remote.Events;

/// <summary>An attempt to associate with <paramref name="Remote"/> failed; the next one waits for the backoff delay.</summary>
/// <param name="Remote">The remote system's address.</param>
/// <param name="Reason">Why the attempt failed.</param>
/// <param name="RetryIn">Delay before the next attempt if envelopes are still waiting.</param>
public sealed record AssociationFailed(Address Remote, string Reason, TimeSpan RetryIn) : AssociationEvent(Remote);
