using System.Text;

namespace Dynamo.Core.Serialization;

/// <summary>
/// Reads what <see cref="ByteWriter"/> wrote, turning every malformed input into the caller's
/// own exception type so that a corrupt context and a corrupt sibling set are told apart.
/// </summary>
internal ref struct ByteReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly Func<string, Exception> _error;
    private ReadOnlySpan<byte> _data;

    public ByteReader(ReadOnlySpan<byte> data, Func<string, Exception> error)
    {
        _data = data;
        _error = error;
    }

    public readonly bool AtEnd => _data.IsEmpty;

    public readonly int Remaining => _data.Length;

    public Exception Error(string message) => _error(message);

    public byte Byte()
    {
        if (_data.IsEmpty)
        {
            throw _error("unexpected end of data");
        }

        var b = _data[0];
        _data = _data[1..];
        return b;
    }

    public ulong VarUInt()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            if (shift == 63 && b > 1)
            {
                throw _error("varint overflows 64 bits");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw _error("varint longer than 10 bytes");
    }

    public long VarInt()
    {
        var raw = VarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A length that must fit in what is left, so a corrupt length cannot cause a huge allocation.</summary>
    public int Length(string what)
    {
        var n = VarUInt();
        if (n > (ulong)_data.Length)
        {
            throw _error($"{what} of {n} exceeds the {_data.Length} bytes left");
        }

        return (int)n;
    }

    public ReadOnlySpan<byte> Bytes(string what)
    {
        var n = Length(what);
        var result = _data[..n];
        _data = _data[n..];
        return result;
    }

    public ReadOnlySpan<byte> Raw(int n, string what)
    {
        if (n > _data.Length)
        {
            throw _error($"{what} needs {n} bytes but {_data.Length} are left");
        }

        var result = _data[..n];
        _data = _data[n..];
        return result;
    }

    public string String(string what)
    {
        var bytes = Bytes(what);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw _error($"{what} is not valid UTF-8");
        }
    }

    public readonly void ExpectEnd()
    {
        if (!_data.IsEmpty)
        {
            throw _error($"{_data.Length} unexpected trailing bytes");
        }
    }
}
