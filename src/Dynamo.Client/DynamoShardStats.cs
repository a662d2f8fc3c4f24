namespace Dynamo.Client;

/// <summary>
/// The shards and entity counts of every region of one entity type: the answer of
/// <c>GET /cluster/sharding/{type}/shard-stats</c>, from Cluster.Sharding's cluster stats.
/// </summary>
/// <param name="TypeName">The entity type name.</param>
/// <param name="Regions">Each region that answered in time, in address order.</param>
public sealed record DynamoShardStats(string TypeName, IReadOnlyList<DynamoRegionStats> Regions);
