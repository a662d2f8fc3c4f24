namespace Dynamo.Client;

/// <summary>Replication properties of a bucket.</summary>
/// <param name="N">Replicas per key.</param>
/// <param name="R">Replies a read waits for.</param>
/// <param name="W">Durable acknowledgements a write waits for.</param>
/// <param name="Conflicts">How conflicting writes are kept.</param>
public sealed record DynamoBucketProps(int N, int R, int W, DynamoConflictMode Conflicts)
{
    /// <summary>Primaries (not fallbacks) that must acknowledge a write durably, 0..N (Riak's pw); 0 for none.</summary>
    public int PW { get; init; }

    /// <summary>Primaries (not fallbacks) that must answer a read, 0..N (Riak's pr); 0 for none.</summary>
    public int PR { get; init; }

    /// <summary>
    /// Whether replicas other than the coordinating one acknowledge a write once it is in memory and handed to
    /// storage, before it is durable (the paper's object buffer); false by default.
    /// </summary>
    public bool ObjectBuffer { get; init; }
}
