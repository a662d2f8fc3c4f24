namespace Dynamo.Client;

/// <summary>One member of the cluster as the asked node sees it (an element of <c>GET /cluster</c>).</summary>
/// <param name="Address">The member's actor-system address, e.g. <c>akka.tcp://dynamo@127.0.0.1:4053</c>.</param>
/// <param name="NodeId">The member's id in the ring.</param>
/// <param name="Status">Its member status: Joining, Up, Leaving, Exiting, Down or Removed.</param>
/// <param name="Reachable">Whether the asked node's failure detector considers it reachable.</param>
/// <param name="HttpEndpoint">Where its HTTP API listens, null when not known.</param>
/// <param name="Partitions">How many ring partitions it owns.</param>
public sealed record DynamoClusterMember(string Address, string NodeId, string Status, bool Reachable, string? HttpEndpoint, int Partitions)
{
    /// <summary>Its Akka.Cluster roles (<c>dynamo</c>, the <c>http-endpoint=</c> role, any others); empty from a node that reports none.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
}
