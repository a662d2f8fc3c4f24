using System.Collections.Immutable;

namespace Dynamo.Server.Node;

/// <summary>One entity type of Cluster.Sharding and its shard regions, as the shard coordinator knows them.</summary>
/// <param name="TypeName">The entity type name a region was started with (<c>vnode</c> for a node's vnodes).</param>
/// <param name="Regions">The member address of every region of the type, in address order.</param>
public sealed record ShardTypeView(string TypeName, ImmutableArray<string> Regions);
