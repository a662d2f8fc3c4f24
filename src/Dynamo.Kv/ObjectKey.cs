using System.Buffers.Binary;
using System.Text;

namespace Dynamo.Kv;

/// <summary>
/// The storage key of an object: the bucket's UTF-8 length (4 bytes, big-endian), the bucket, then
/// the key. The same layout <see cref="Dynamo.Core.Partitioning.RingHash.Of"/> hashes, and the
/// length prefix keeps ("ab", "c") and ("a", "bc") apart.
/// </summary>
public static class ObjectKey
{
    /// <summary>Encodes <paramref name="bucket"/> and <paramref name="key"/> into one storage key.</summary>
    public static byte[] Encode(string bucket, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var bucketBytes = Encoding.UTF8.GetBytes(bucket);
        var result = new byte[4 + bucketBytes.Length + key.Length];
        BinaryPrimitives.WriteInt32BigEndian(result, bucketBytes.Length);
        bucketBytes.CopyTo(result.AsSpan(4));
        key.CopyTo(result.AsSpan(4 + bucketBytes.Length));
        return result;
    }

    /// <summary>Splits a storage key back into bucket and key.</summary>
    /// <exception cref="FormatException">The bytes are not an encoded object key.</exception>
    public static (string Bucket, byte[] Key) Decode(ReadOnlySpan<byte> storageKey)
    {
        if (storageKey.Length < 4)
        {
            throw new FormatException($"An object key needs a 4-byte bucket length, but has {storageKey.Length} bytes.");
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(storageKey);
        if (length < 0 || length > storageKey.Length - 4)
        {
            throw new FormatException($"An object key's bucket length {length} exceeds its {storageKey.Length - 4} remaining bytes.");
        }
        return (Encoding.UTF8.GetString(storageKey.Slice(4, length)), storageKey[(4 + length)..].ToArray());
    }
}
