using System.Collections.Immutable;

namespace Dynamo.Kv.Coordination;

/// <summary>Everything a <see cref="GetCoordinator"/> needs to carry out one read.</summary>
/// <param name="Bucket">Bucket name.</param>
/// <param name="Key">Key bytes.</param>
/// <param name="R">Replies needed before answering.</param>
/// <param name="LastWriteWins">Whether to present only the sibling with the latest timestamp.</param>
/// <param name="Replicas">The preference list's replicas.</param>
/// <param name="Timeout">How long the coordinator waits for replies (and for stragglers before read repair).</param>
public sealed partial record ReadPlan(
    string Bucket,
    byte[] Key,
    int R,
    bool LastWriteWins,
    ImmutableArray<ReplicaTarget> Replicas,
    TimeSpan Timeout)
{
    /// <summary>Primaries (not fallbacks) that must answer (Riak's pr); 0 for none.</summary>
    public int PR { get; init; }

    /// <summary>Where the coordinator counts the request and its latency; null to count nowhere.</summary>
    public Diagnostics.NodeMetrics? Metrics { get; init; }
}
