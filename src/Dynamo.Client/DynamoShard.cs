namespace Dynamo.Client;

/// <summary>One shard of a region and how many of its entities run.</summary>
/// <param name="ShardId">The shard id; for vnodes, the ring partition's index.</param>
/// <param name="Entities">How many of its entities run.</param>
public sealed record DynamoShard(string ShardId, int Entities);
