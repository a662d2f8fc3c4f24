namespace Dynamo.Actors.Remote;

/// <summary>
/// A message that arrived from a remote system, deserialized, ready for the local actor named by <see cref="RecipientPath"/>.
/// A struct because one is made per envelope and lives only for the call that hands it over.
/// </summary>
/// <param name="RecipientPath">Path of the local recipient, as the sender wrote it.</param>
/// <param name="SenderPath">Full path of the sending actor, or null when there was none.</param>
/// <param name="Message">The deserialized message.</param>
/// <param name="Origin">Address of the system that sent it.</param>
/// <param name="OriginUid">Incarnation of the system that sent it.</param>
/// <param name="SequenceNumber">The sender's per-association sequence number (strictly increasing on one association).</param>
public readonly record struct InboundEnvelope(string RecipientPath, string? SenderPath, object Message, Address Origin, ulong OriginUid, ulong SequenceNumber);
