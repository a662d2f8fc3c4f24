using System.Collections.Immutable;

namespace Dynamo.Server.Node;

/// <summary>One member of the cluster as a node sees it.</summary>
/// <param name="Address">The member's address (its actor-system address; the node id for in-process nodes).</param>
/// <param name="NodeId">The member's id in the ring.</param>
/// <param name="Status">Its member status, named as in Akka.Cluster: Joining, Up, Leaving, Exiting, Down, Removed.</param>
/// <param name="Reachable">Whether the failure detectors currently consider it reachable.</param>
/// <param name="HttpEndpoint">Where its HTTP API listens (e.g. <c>http://10.0.0.1:8098</c>), null when not known.</param>
/// <param name="Partitions">How many ring partitions it owns.</param>
public sealed record ClusterMemberView(string Address, string NodeId, string Status, bool Reachable, string? HttpEndpoint, int Partitions)
{
    /// <summary>Its Akka.Cluster roles (<c>dynamo</c>, the <c>http-endpoint=</c> role, any others) in ordinal order; empty for in-process nodes.</summary>
    public ImmutableArray<string> Roles { get; init; } = [];
}
