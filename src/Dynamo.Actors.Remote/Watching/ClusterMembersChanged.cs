namespace Dynamo.Actors.Remote.Watching;

/// <summary>
/// The cluster's current member addresses. The remote watcher leaves failure detection of these systems to the
/// cluster (whose unreachability is temporary and partition-tolerant) instead of quarantining them on silence.
/// </summary>
internal sealed record ClusterMembersChanged(IReadOnlySet<Address> Members);
