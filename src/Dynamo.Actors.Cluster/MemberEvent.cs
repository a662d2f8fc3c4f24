namespace Dynamo.Actors.Cluster;

/// <summary>A member changed status; <paramref name="Member"/> carries the new status.</summary>
/// <param name="Member">The member as it is now.</param>
public abstract record MemberEvent(Member Member) : ClusterEvent;
