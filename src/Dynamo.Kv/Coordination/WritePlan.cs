using System.Collections.Immutable;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Coordination;

/// <summary>Everything a <see cref="PutCoordinator"/> needs to carry out one write or delete.</summary>
/// <param name="Bucket">Bucket name.</param>
/// <param name="Key">Key bytes.</param>
/// <param name="Context">The client's parsed context.</param>
/// <param name="Value">The value, or a tombstone for a delete.</param>
/// <param name="IsDelete">Whether to answer with a delete result.</param>
/// <param name="LastWriteWins">Whether the bucket keeps only the latest timestamp.</param>
/// <param name="W">Durable acknowledgements needed, the coordinator's own included.</param>
/// <param name="Local">The coordinating node's own replica, written first.</param>
/// <param name="Remotes">The other replicas of the preference list.</param>
/// <param name="Timeout">How long the coordinator waits for acknowledgements.</param>
/// <param name="Limits">Sibling bounds the coordinating replica enforces.</param>
public sealed partial record WritePlan(
    string Bucket,
    byte[] Key,
    CausalContext Context,
    Sibling Value,
    bool IsDelete,
    bool LastWriteWins,
    int W,
    ReplicaTarget Local,
    ImmutableArray<ReplicaTarget> Remotes,
    TimeSpan Timeout,
    SiblingLimits Limits)
{
    /// <summary>Primaries (not fallbacks) that must acknowledge durably, the coordinator's own included (Riak's pw); 0 for none.</summary>
    public int PW { get; init; }

    /// <summary>Where the coordinator counts the request and its latency; null to count nowhere.</summary>
    public Diagnostics.NodeMetrics? Metrics { get; init; }
}
