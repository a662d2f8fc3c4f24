namespace Dynamo.Actors.Remote.Events;

/// <summary>The incarnation <paramref name="Uid"/> at <paramref name="Remote"/> was quarantined and will never be associated again.</summary>
/// <param name="Remote">The remote system's address.</param>
/// <param name="Uid">The quarantined incarnation.</param>
/// <param name="Reason">Why it was quarantined.</param>
public sealed record IncarnationQuarantined(Address Remote, ulong Uid, string Reason) : AssociationEvent(Remote);
