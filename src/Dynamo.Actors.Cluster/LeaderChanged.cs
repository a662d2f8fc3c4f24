namespace Dynamo.Actors.Cluster;

/// <summary>The leader changed, as seen from this node.</summary>
/// <param name="Leader">The new leader's address; null when there is none.</param>
public sealed record LeaderChanged(Address? Leader) : ClusterEvent;
