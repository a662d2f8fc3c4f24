namespace Dynamo.Kv.Coordination;

/// <summary>Read repairs a node sent since it started, by reason; the answer to <see cref="GetReadRepairStats"/>.</summary>
/// <param name="Stale">Repairs of replicas that answered an object missing some of the versions read.</param>
/// <param name="Missing">Repairs of replicas that answered not found.</param>
public sealed record ReadRepairStats(long Stale, long Missing)
{
    /// <summary>All repairs sent.</summary>
    public long Total => Stale + Missing;
}
