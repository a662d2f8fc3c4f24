using System.Collections.Immutable;

namespace Dynamo.Server.Node;

/// <summary>The shards and entities of every shard region of one entity type, as Cluster.Sharding's cluster stats report them.</summary>
/// <param name="TypeName">The entity type name.</param>
/// <param name="Regions">Each region that answered, in address order; a region that did not answer in time is missing.</param>
public sealed record ShardStatsView(string TypeName, ImmutableArray<RegionStatsView> Regions);
