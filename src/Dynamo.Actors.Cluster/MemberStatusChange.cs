namespace Dynamo.Actors.Cluster;

/// <summary>One move the leader made.</summary>
/// <param name="Previous">The member before the move.</param>
/// <param name="Current">The member after it; status Removed when the leader removed it.</param>
public sealed record MemberStatusChange(Member Previous, Member Current);
