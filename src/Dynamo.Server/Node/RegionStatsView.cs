using System.Collections.Immutable;

namespace Dynamo.Server.Node;

/// <summary>One shard region: the shards it runs and how many entities each holds.</summary>
/// <param name="Address">The member address of the region.</param>
/// <param name="NodeId">The member's id in the ring.</param>
/// <param name="Shards">Each shard the region runs with its entity count, in shard order (numeric ids by number).</param>
/// <param name="FailedShards">The shards that did not report their entities in time (their counts are unknown).</param>
public sealed record RegionStatsView(string Address, string NodeId, ImmutableArray<ShardView> Shards, ImmutableArray<string> FailedShards);
