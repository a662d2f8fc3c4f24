namespace Dynamo.Actors.Cluster;

/// <summary>The leader removed a member; its incarnation is gone for good.</summary>
/// <param name="Member">The member, with status Removed.</param>
/// <param name="PreviousStatus">Its status before removal: Exiting after a graceful leave, Down otherwise.</param>
public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : MemberEvent(Member);
