namespace Dynamo.Actors.Cluster;

/// <summary>Every observer that had given up on a member hears it again.</summary>
/// <param name="Member">The member concerned.</param>
public sealed record ReachableMember(Member Member) : ReachabilityEvent(Member);
