using System.Numerics;

namespace Dynamo.Core.Merkle;

/// <summary>
/// The fixed shape of a Merkle tree: how many leaf segments, and how many children each inner
/// node has. Both are powers of two and the segment count is a power of the fan-out, so every
/// leaf sits at the same depth.
/// </summary>
/// <remarks>
/// The default (65,536 segments, fan-out 16, depth 4) keeps a tree at about 0.6 MiB per
/// partition, and one differing key costs 1 + 16·4 = 65 hashes to locate. Riak's AAE
/// uses 1,048,576 segments with fan-out 1024 (depth 2): fewer round trips, wider messages.
/// </remarks>
public sealed record MerkleTreeShape
{
    /// <summary>The default shape: 65,536 segments, fan-out 16.</summary>
    public static MerkleTreeShape Default { get; } = new(65536, 16);

    /// <summary>Creates a shape.</summary>
    /// <exception cref="ArgumentException">
    /// The fan-out is not a power of two of at least 2, the segment count is not a power of two
    /// between 1 and 2^24, or the segment count is not a power of the fan-out.
    /// </exception>
    public MerkleTreeShape(int segmentCount, int fanOut)
    {
        if (fanOut < 2 || !BitOperations.IsPow2(fanOut))
        {
            throw new ArgumentException($"The fan-out must be a power of two of at least 2, but was {fanOut}.", nameof(fanOut));
        }

        if (segmentCount is < 1 or > 1 << 24 || !BitOperations.IsPow2(segmentCount))
        {
            throw new ArgumentException(
                $"The segment count must be a power of two between 1 and {1 << 24}, but was {segmentCount}.", nameof(segmentCount));
        }

        var fanBits = BitOperations.Log2((uint)fanOut);
        var segBits = BitOperations.Log2((uint)segmentCount);
        if (segBits % fanBits != 0)
        {
            throw new ArgumentException(
                $"The segment count must be a power of the fan-out so all leaves share one depth, but {segmentCount} is not a power of {fanOut}.",
                nameof(segmentCount));
        }

        SegmentCount = segmentCount;
        FanOut = fanOut;
        Depth = segBits / fanBits;
        SegmentBits = segBits;
        FanOutBits = fanBits;
    }

    /// <summary>Number of leaves; each key falls in exactly one.</summary>
    public int SegmentCount { get; }

    /// <summary>Children per inner node.</summary>
    public int FanOut { get; }

    /// <summary>Levels below the root: the leaves are at level <see cref="Depth"/>.</summary>
    public int Depth { get; }

    /// <summary>log2 of the segment count.</summary>
    public int SegmentBits { get; }

    /// <summary>log2 of the fan-out.</summary>
    public int FanOutBits { get; }

    /// <summary>How many nodes level <paramref name="level"/> holds (1 at the root).</summary>
    public int NodesAt(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, Depth);
        return 1 << (level * FanOutBits);
    }
}
