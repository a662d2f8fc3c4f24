namespace Dynamo.Cluster.Tests.Faults;

/// <summary>
/// Tests that start clusters of node processes run one at a time: the machine's cores are shared, and a
/// cluster's failure detector misreads a starved peer as a failed one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NodeProcessesCollection
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "node processes";
}
