using System.Buffers.Binary;
using System.Numerics;

namespace Dynamo.Core.Merkle;

/// <summary>
/// The hash functions behind <see cref="MerkleTree"/>; fixed, as trees are compared across nodes.
/// A 64-bit multiply-rotate hash with a splitmix finalizer rather than MD5: anti-entropy needs
/// spread, not collision resistance against an adversary, and a one-shot MD5 through the
/// platform crypto library costs over a microsecond per call, several times the whole update.
/// </summary>
internal static class MerkleHashing
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong KeySeed = 0x6B65795F68617368UL;
    private const ulong ItemSeed = 0x6974656D5F686173UL;

    /// <summary>Where a key lives in the tree: a hash of the key alone, independent of its version.</summary>
    public static ulong KeyHash(ReadOnlySpan<byte> key) => Hash64(key, KeySeed);

    /// <summary>
    /// Hash of one (key, version digest) pair: the hash of len(key) as 4-byte big-endian ‖ key ‖ digest.
    /// Segments XOR these, so an insert and a remove of the same pair cancel exactly.
    /// </summary>
    public static ulong ItemHash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> versionDigest)
    {
        var length = key.Length + versionDigest.Length + 4;
        var buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        BinaryPrimitives.WriteInt32BigEndian(buffer, key.Length);
        key.CopyTo(buffer[4..]);
        versionDigest.CopyTo(buffer[(4 + key.Length)..]);
        return Hash64(buffer, ItemSeed);
    }

    /// <summary>
    /// What a child at <paramref name="position"/> adds to its parent's sum. Non-linear in the
    /// child hash (so differences do not cancel across children), position-dependent (so swapped
    /// children differ) and zero for an empty child (so an empty tree has root 0). Summing these
    /// lets a write update each ancestor in O(1) instead of rehashing all its children.
    /// </summary>
    public static ulong Contribution(ulong childHash, int position)
    {
        if (childHash == 0)
        {
            return 0;
        }

        var z = childHash + ((ulong)position + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Eight bytes at a time: multiply, rotate, multiply into the state; the tail is packed into
    /// one last word; the length and a splitmix64 finalizer spread every input bit over the result.
    /// </summary>
    internal static ulong Hash64(ReadOnlySpan<byte> data, ulong seed)
    {
        var h = seed ^ ((ulong)data.Length * Prime1);
        while (data.Length >= 8)
        {
            h = Round(h, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        if (!data.IsEmpty)
        {
            ulong tail = 0;
            for (var i = data.Length - 1; i >= 0; i--)
            {
                tail = (tail << 8) | data[i];
            }

            h = Round(h, tail ^ ((ulong)data.Length << 56));
        }

        return Finalize(h);
    }

    private static ulong Round(ulong h, ulong word)
    {
        word *= Prime2;
        word = BitOperations.RotateLeft(word, 31);
        word *= Prime1;
        h ^= word;
        return BitOperations.RotateLeft(h, 27) * Prime1 + Prime2;
    }

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
