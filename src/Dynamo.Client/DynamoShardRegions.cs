namespace Dynamo.Client;

/// <summary>The Cluster.Sharding entity types a node runs and their regions: the answer of <c>GET /cluster/sharding/regions</c>.</summary>
/// <param name="Node">The id of the node that answered.</param>
/// <param name="Types">Each entity type (<c>vnode</c> on a clustered node), in name order; empty on a single-node store, which shards nothing.</param>
public sealed record DynamoShardRegions(string Node, IReadOnlyList<DynamoShardType> Types);
