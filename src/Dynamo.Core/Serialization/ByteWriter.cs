using System.Buffers;
using System.Text;

namespace Dynamo.Core.Serialization;

/// <summary>Appends the compact binary encodings shared by contexts, sibling sets and Merkle trees.</summary>
internal sealed class ByteWriter(int capacity = 64)
{
    // Sized by the caller when it knows a bound: growing by doubling copies the value each time (a 1 KiB object
    // allocated four buffers on its way to 2 KiB).
    private readonly ArrayBufferWriter<byte> _buffer = new(capacity);

    public void Byte(byte value) => _buffer.Write([value]);

    /// <summary>LEB128 unsigned varint: small counters and lengths take one byte.</summary>
    public void VarUInt(ulong value)
    {
        Span<byte> scratch = stackalloc byte[10];
        var n = 0;
        while (value >= 0x80)
        {
            scratch[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        scratch[n++] = (byte)value;
        _buffer.Write(scratch[..n]);
    }

    /// <summary>Zig-zag varint, so small negative numbers stay short.</summary>
    public void VarInt(long value) => VarUInt((ulong)((value << 1) ^ (value >> 63)));

    public void String(string value)
    {
        // Encoded straight into the buffer, not through an array of its own.
        var count = Encoding.UTF8.GetByteCount(value);
        VarUInt((ulong)count);
        _buffer.Advance(Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count)));
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        VarUInt((ulong)value.Length);
        _buffer.Write(value);
    }

    public void Raw(ReadOnlySpan<byte> value) => _buffer.Write(value);

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
