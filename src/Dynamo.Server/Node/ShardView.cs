namespace Dynamo.Server.Node;

/// <summary>One shard of a region and the entities running in it.</summary>
/// <param name="ShardId">The shard id (for vnodes, the ring partition's index).</param>
/// <param name="Entities">How many of its entities run.</param>
public sealed record ShardView(string ShardId, int Entities);
