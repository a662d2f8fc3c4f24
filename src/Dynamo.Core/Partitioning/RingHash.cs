using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Dynamo.Core.Partitioning;

/// <summary>
/// Maps a key onto the 128-bit ring, as the Dynamo paper does: the position is the MD5 digest
/// read as a big-endian unsigned 128-bit integer.
/// </summary>
/// <remarks>
/// The hashed bytes are <c>len(bucket) as 4-byte big-endian ‖ bucket ‖ key</c>. The length
/// prefix keeps ("ab","c") and ("a","bc") apart. This mapping is part of the on-disk and
/// on-wire contract: changing it moves every key, so it must never change silently.
/// MD5 is used for its spread, not for security.
/// </remarks>
public static class RingHash
{
    /// <summary>Ring position of a key in a bucket.</summary>
    public static UInt128 Of(ReadOnlySpan<byte> bucket, ReadOnlySpan<byte> key)
    {
        var buffer = bucket.Length + key.Length + 4 <= 512
            ? stackalloc byte[bucket.Length + key.Length + 4]
            : new byte[bucket.Length + key.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, bucket.Length);
        bucket.CopyTo(buffer[4..]);
        key.CopyTo(buffer[(4 + bucket.Length)..]);
        return OfBytes(buffer);
    }

    // One reusable MD5 per thread: the one-shot MD5.HashData creates and frees the platform's hash context on every
    // call, which cost more than the hashing of a key.
    [ThreadStatic]
    private static IncrementalHash? _md5;

    /// <summary>Ring position of raw bytes: MD5 of <paramref name="data"/>, big-endian.</summary>
    public static UInt128 OfBytes(ReadOnlySpan<byte> data)
    {
        var md5 = _md5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        md5.AppendData(data);
        md5.GetHashAndReset(digest);
        return BinaryPrimitives.ReadUInt128BigEndian(digest);
    }
}
