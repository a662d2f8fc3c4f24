namespace Dynamo.Actors.Remote.Events;

/// <summary>
/// The system at <paramref name="Remote"/> was restarted: a new uid answered where another used to. Every actor of
/// the old incarnation is gone, so watchers of its actors should receive Terminated.
/// </summary>
/// <param name="Remote">The address both incarnations used.</param>
/// <param name="OldUid">The incarnation that is gone.</param>
/// <param name="NewUid">The incarnation now associated.</param>
public sealed record IncarnationChanged(Address Remote, ulong OldUid, ulong NewUid) : AssociationEvent(Remote);
