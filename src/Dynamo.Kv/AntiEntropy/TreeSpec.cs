using System.Numerics;
using Dynamo.Core.Merkle;
using Dynamo.Core.Partitioning;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>
/// What both sides of an exchange must agree on to compare hash trees: the ring size, which
/// decides the key range a stored key belongs to, and the trees' shape.
/// </summary>
/// <param name="PartitionCount">Partitions of the ring (a power of two).</param>
/// <param name="Segments">Leaf segments per tree (a power of two).</param>
/// <param name="FanOut">Children per inner node (a power of two).</param>
public sealed record TreeSpec(int PartitionCount, int Segments, int FanOut)
{
    /// <summary>The trees' shape.</summary>
    public MerkleTreeShape Shape => new(Segments, FanOut);

    /// <summary>
    /// The key range of a stored key: the partition its hash falls in, the one whose preference
    /// list names every replica of the key, whatever partition number each replica stores it under.
    /// </summary>
    public int RangeOf(ReadOnlySpan<byte> storageKey)
    {
        var bits = BitOperations.Log2((uint)PartitionCount);
        return bits == 0 ? 0 : (int)(RingHash.OfBytes(storageKey) >> (128 - bits));
    }

    /// <summary>The first problem with this spec, or null when it is usable.</summary>
    public string? Problem()
    {
        if (PartitionCount < 1 || !BitOperations.IsPow2(PartitionCount)) return $"partition count {PartitionCount} is not a positive power of two";
        try
        {
            _ = Shape;
            return null;
        }
        catch (ArgumentException e)
        {
            return $"tree shape {Segments}/{FanOut}: {e.Message}";
        }
    }
}
