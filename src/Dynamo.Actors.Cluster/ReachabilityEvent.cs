namespace Dynamo.Actors.Cluster;

/// <summary>A member's reachability changed.</summary>
/// <param name="Member">The member concerned.</param>
public abstract record ReachabilityEvent(Member Member) : ClusterEvent;
