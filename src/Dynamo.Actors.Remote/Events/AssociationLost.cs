namespace Dynamo.Actors.Remote.Events;

/// <summary>An established association ended; envelopes still queued in it are lost (delivery is at most once).</summary>
/// <param name="Remote">The remote system's address.</param>
/// <param name="RemoteUid">The incarnation that was associated.</param>
/// <param name="Reason">Why, as reported by the transport or the peer.</param>
public sealed record AssociationLost(Address Remote, ulong RemoteUid, string Reason) : AssociationEvent(Remote);
