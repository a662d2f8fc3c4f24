namespace Dynamo.Client;

/// <summary>One Cluster.Sharding entity type and its shard regions, as the shard coordinator knows them.</summary>
/// <param name="TypeName">The entity type name, e.g. <c>vnode</c>.</param>
/// <param name="Regions">The member address of every region of the type, in address order.</param>
public sealed record DynamoShardType(string TypeName, IReadOnlyList<string> Regions);
