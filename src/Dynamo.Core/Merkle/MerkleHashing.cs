using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Dynamo.Core.Merkle;

/// <summary>The hash functions behind <see cref="MerkleTree"/>; fixed, as trees are compared across nodes.</summary>
internal static class MerkleHashing
{
    /// <summary>Where a key lives in the tree: 64 bits of MD5(key), independent of its version.</summary>
    public static ulong KeyHash(ReadOnlySpan<byte> key) => Md5Prefix(key);

    /// <summary>
    /// Hash of one (key, version digest) pair: 64 bits of MD5(len(key) as 4-byte big-endian ‖ key ‖ digest).
    /// Segments XOR these, so an insert and a remove of the same pair cancel exactly.
    /// </summary>
    public static ulong ItemHash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> versionDigest)
    {
        var length = key.Length + versionDigest.Length + 4;
        var buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        BinaryPrimitives.WriteInt32BigEndian(buffer, key.Length);
        key.CopyTo(buffer[4..]);
        versionDigest.CopyTo(buffer[(4 + key.Length)..]);
        return Md5Prefix(buffer);
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

    private static ulong Md5Prefix(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(data, digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }
}
