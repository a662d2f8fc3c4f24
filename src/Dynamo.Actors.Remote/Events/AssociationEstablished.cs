namespace Dynamo.Actors.Remote.Events;

/// <summary>The handshake with <paramref name="Remote"/> succeeded; envelopes now flow both ways.</summary>
/// <param name="Remote">The remote system's address.</param>
/// <param name="RemoteUid">The remote incarnation's uid.</param>
/// <param name="Inbound">True when the remote opened the connection.</param>
public sealed record AssociationEstablished(Address Remote, ulong RemoteUid, bool Inbound) : AssociationEvent(Remote);
