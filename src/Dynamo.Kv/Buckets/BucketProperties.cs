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
    /// <summary>The paper's common setting and Riak's defaults: N=3, R=W=2 (quorum), siblings.</summary>
    public static BucketProperties Default { get; } = new(3, 2, 2, ConflictMode.Siblings);

    /// <summary>Whether concurrent writes collapse to the one with the latest timestamp.</summary>
    public bool LastWriteWins => Conflicts == ConflictMode.LastWriteWins;

    /// <summary>Null when the properties are consistent, otherwise what is wrong with them.</summary>
    public string? Problem() =>
        N < 1 ? $"n must be at least 1, but was {N}"
        : R < 1 || R > N ? $"r must be between 1 and n ({N}), but was {R}"
        : W < 1 || W > N ? $"w must be between 1 and n ({N}), but was {W}"
        : !Enum.IsDefined(Conflicts) ? $"unknown conflict mode {(int)Conflicts}"
        : null;

    /// <summary>The wire form.</summary>
    public BucketProps ToProtocol() => new() { N = (uint)N, R = (uint)R, W = (uint)W, Conflicts = Conflicts };

    /// <summary>Reads the wire form (unchecked: call <see cref="Problem"/>).</summary>
    public static BucketProperties FromProtocol(BucketProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        return new BucketProperties(Clamp(props.N), Clamp(props.R), Clamp(props.W), props.Conflicts);
    }

    // Oversized wire values must fail validation, not wrap around to negative ints.
    private static int Clamp(uint value) => value > int.MaxValue ? int.MaxValue : (int)value;
}
