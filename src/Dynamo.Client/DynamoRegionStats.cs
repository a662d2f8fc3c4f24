namespace Dynamo.Client;

/// <summary>One shard region: the shards it runs and the entities in each.</summary>
/// <param name="Address">The member address of the region.</param>
/// <param name="NodeId">The member's id in the ring.</param>
/// <param name="Shards">Each shard with its entity count, in shard order.</param>
/// <param name="FailedShards">The shards that did not report in time: their entity counts are unknown.</param>
public sealed record DynamoRegionStats(string Address, string NodeId, IReadOnlyList<DynamoShard> Shards, IReadOnlyList<string> FailedShards);
