using System.Numerics;
using System.Runtime.InteropServices;

namespace Dynamo.Storage;

/// <summary>
/// CRC-32C of a stored value. It is kept next to each value with the value's length so that a
/// truncated or altered value is reported instead of handed to a VNode as a valid object.
/// </summary>
internal static class ValueChecksum
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = ~0u;
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var word in words)
            crc = BitOperations.Crc32C(crc, word);
        foreach (var b in data[(words.Length * sizeof(ulong))..])
            crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
