namespace Dynamo.Client;

/// <summary>The <c>readRepair</c> section of <c>GET /stats</c>: repairs this node's reads sent to replicas since it started.</summary>
/// <param name="Stale">Repairs of a replica that held an older version.</param>
/// <param name="Missing">Repairs of a replica that held no version at all.</param>
/// <param name="Total">All repairs sent.</param>
public sealed record DynamoReadRepairStats(long Stale, long Missing, long Total);
