using Dynamo.Kv.Diagnostics;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// A node's count of the read repairs its get coordinators sent, by reason. One instance per node
/// (its router owns it), shared with the coordinators it spawns; thread-safe. Each repair is counted in
/// the node's <see cref="KvMetrics.ReadRepairs"/> too, when given its <paramref name="metrics"/>.
/// </summary>
/// <param name="metrics">The node's metrics; null to count here only.</param>
public sealed class ReadRepairCounter(NodeMetrics? metrics = null)
{
    private long _stale;
    private long _missing;

    /// <summary>Counts a repair of a replica that answered an object missing some of the versions read.</summary>
    public void Stale()
    {
        Interlocked.Increment(ref _stale);
        metrics?.StaleRepair();
    }

    /// <summary>Counts a repair of a replica that answered not found.</summary>
    public void Missing()
    {
        Interlocked.Increment(ref _missing);
        metrics?.MissingRepair();
    }

    /// <summary>The counts so far.</summary>
    public ReadRepairStats Snapshot() => new(Interlocked.Read(ref _stale), Interlocked.Read(ref _missing));
}
