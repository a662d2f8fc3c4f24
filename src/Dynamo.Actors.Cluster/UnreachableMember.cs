namespace Dynamo.Actors.Cluster;

/// <summary>Some failure detector in the cluster gave up on a member (temporary until it is downed).</summary>
/// <param name="Member">The member concerned.</param>
public sealed record UnreachableMember(Member Member) : ReachabilityEvent(Member);
