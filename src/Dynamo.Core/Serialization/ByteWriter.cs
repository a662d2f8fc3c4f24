using System.Buffers;
using System.Text;

namespace Dynamo.Core.Serialization;

/// <summary>Appends the compact binary encodings shared by contexts, sibling sets and Merkle trees.</summary>
internal sealed class ByteWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64);

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
        var bytes = Encoding.UTF8.GetBytes(value);
        Bytes(bytes);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        VarUInt((ulong)value.Length);
        _buffer.Write(value);
    }

    public void Raw(ReadOnlySpan<byte> value) => _buffer.Write(value);

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
