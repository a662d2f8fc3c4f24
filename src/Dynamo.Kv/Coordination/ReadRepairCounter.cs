namespace Dynamo.Kv.Coordination;

/// <summary>
/// A node's count of the read repairs its get coordinators sent, by reason. One instance per node
/// (its router owns it), shared with the coordinators it spawns; thread-safe.
/// </summary>
public sealed class ReadRepairCounter
{
    private long _stale;
    private long _missing;

    /// <summary>Counts a repair of a replica that answered an object missing some of the versions read.</summary>
    public void Stale() => Interlocked.Increment(ref _stale);

    /// <summary>Counts a repair of a replica that answered not found.</summary>
    public void Missing() => Interlocked.Increment(ref _missing);

    /// <summary>The counts so far.</summary>
    public ReadRepairStats Snapshot() => new(Interlocked.Read(ref _stale), Interlocked.Read(ref _missing));
}
