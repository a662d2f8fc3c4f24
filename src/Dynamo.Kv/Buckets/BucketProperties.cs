using Dynamo.Protocol;

namespace Dynamo.Kv.Buckets;

/// <summary>
/// The replication properties of a bucket: replicas per key (N), replies a read waits for (R),
/// durable acknowledgements a write waits for (W), and how concurrent writes are kept.
/// </summary>
/// <param name="N">Replicas per key.</param>
/// <param name="R">Read quorum, 1..N.</param>
/// <param name="W">Write quorum, 1..N, the coordinator's own write included.</param>
/// <param name="Conflicts">Siblings (the paper's behaviour) or last-write-wins.</param>
public sealed record BucketProperties(int N, int R, int W, ConflictMode Conflicts)
{
    /// <summary>Primaries (not fallbacks) that must acknowledge a write durably, 0..N (Riak's pw); 0 by default.</summary>
    public int PW { get; init; }

    /// <summary>Primaries (not fallbacks) that must answer a read, 0..N (Riak's pr); 0 by default.</summary>
    public int PR { get; init; }

    /// <summary>
    /// Whether replicas other than the coordinating one acknowledge a write once it is in memory and handed to
    /// storage, before it is durable (the paper's object buffer, section 6.1); false by default.
    /// </summary>
    public bool ObjectBuffer { get; init; }

    /// <summary>The paper's common setting and Riak's defaults: N=3, R=W=2 (quorum), siblings.</summary>
    public static BucketProperties Default { get; } = new(3, 2, 2, ConflictMode.Siblings);

    /// <summary>Whether concurrent writes collapse to the one with the latest timestamp.</summary>
    public bool LastWriteWins => Conflicts == ConflictMode.LastWriteWins;

    /// <summary>Null when the properties are consistent, otherwise what is wrong with them.</summary>
    public string? Problem() =>
        N < 1 ? $"n must be at least 1, but was {N}"
        : R < 1 || R > N ? $"r must be between 1 and n ({N}), but was {R}"
        : W < 1 || W > N ? $"w must be between 1 and n ({N}), but was {W}"
        : PW < 0 || PW > N ? $"pw must be between 0 and n ({N}), but was {PW}"
        : PR < 0 || PR > N ? $"pr must be between 0 and n ({N}), but was {PR}"
        : !Enum.IsDefined(Conflicts) ? $"unknown conflict mode {(int)Conflicts}"
        : null;

    /// <summary>The wire form.</summary>
    public BucketProps ToProtocol() => new() { N = (uint)N, R = (uint)R, W = (uint)W, Conflicts = Conflicts, Pw = (uint)PW, Pr = (uint)PR, ObjectBuffer = ObjectBuffer };

    /// <summary>Reads the wire form (unchecked: call <see cref="Problem"/>).</summary>
    public static BucketProperties FromProtocol(BucketProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        return new BucketProperties(Clamp(props.N), Clamp(props.R), Clamp(props.W), props.Conflicts) { PW = Clamp(props.Pw), PR = Clamp(props.Pr), ObjectBuffer = props.ObjectBuffer };
    }

    // Oversized wire values must fail validation, not wrap around to negative ints.
    private static int Clamp(uint value) => value > int.MaxValue ? int.MaxValue : (int)value;
}
