using System.Buffers;
using System.Buffers.Binary;

namespace Dynamo.Actors.Remote.Transport;

/// <summary>
/// Length-prefixed framing used on stream transports: a 4-byte big-endian unsigned length, then that many bytes.
/// Lengths of 0 or above the maximum frame size are protocol violations, detected from the prefix alone so that
/// no buffer is ever sized by an unvalidated length.
/// </summary>
public static class Framing
{
    /// <summary>Bytes of the length prefix.</summary>
    public const int HeaderSize = 4;

    /// <summary>
    /// Takes one complete frame off the front of <paramref name="buffer"/> if it holds one.
    /// Returns false, leaving the buffer untouched, when more bytes are needed.
    /// </summary>
    /// <exception cref="RemoteProtocolException">The length prefix is 0 or larger than <paramref name="maximumFrameSize"/>.</exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maximumFrameSize, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < HeaderSize) return false;
        uint length = ReadLength(buffer);
        if (length == 0) throw new RemoteProtocolException("Frame length prefix is 0; frames carry at least one byte.");
        if (length > (uint)maximumFrameSize)
            throw new RemoteProtocolException($"Frame length prefix {length} exceeds the maximum frame size {maximumFrameSize}.");
        if (buffer.Length - HeaderSize < length) return false;
        frame = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    /// <summary>Writes the length prefix and <paramref name="payload"/> into <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException">The payload is empty or larger than <paramref name="maximumFrameSize"/>.</exception>
    public static void WriteFrame(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload, int maximumFrameSize)
    {
        if (payload.IsEmpty || payload.Length > maximumFrameSize)
            throw new ArgumentException($"Frame of {payload.Length} bytes is outside 1..{maximumFrameSize}.", nameof(payload));
        var span = writer.GetSpan(HeaderSize + payload.Length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)payload.Length);
        payload.CopyTo(span[HeaderSize..]);
        writer.Advance(HeaderSize + payload.Length);
    }

    private static uint ReadLength(in ReadOnlySequence<byte> buffer)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= HeaderSize) return BinaryPrimitives.ReadUInt32BigEndian(first);
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header);
    }
}
