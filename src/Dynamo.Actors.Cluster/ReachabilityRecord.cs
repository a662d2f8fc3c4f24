namespace Dynamo.Actors.Cluster;

/// <summary>One row of the reachability table: what <paramref name="Observer"/> thinks of <paramref name="Subject"/>.</summary>
/// <param name="Observer">The node whose failure detector made the observation.</param>
/// <param name="Subject">The node observed.</param>
/// <param name="Status">The observation.</param>
/// <param name="Version">The observer's table version when the row was written.</param>
public sealed record ReachabilityRecord(UniqueAddress Observer, UniqueAddress Subject, ReachabilityStatus Status, long Version);
