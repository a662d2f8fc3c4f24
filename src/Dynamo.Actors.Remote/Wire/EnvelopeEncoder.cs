using System.Text;

namespace Dynamo.Actors.Remote.Wire;

/// <summary>
/// Writes <c>WireMessage { envelope = RemoteEnvelope { … } }</c> straight into one exactly-sized array, byte for byte
/// what the generated code would produce, without building the three message objects per send. Envelopes are the
/// hot path; handshake messages are rare and use the generated code.
/// </summary>
internal static class EnvelopeEncoder
{
    private const int LengthDelimited = 2;
    private const int Varint = 0;

    /// <summary>Encodes the paths straight into the frame: no UTF-8 copy of them is made or kept.</summary>
    public static byte[] Encode(string recipient, string? sender, ulong sequenceNumber, int serializerId, string manifest, ReadOnlySpan<byte> message) =>
        Encode(recipient, sender, sequenceNumber, serializerId, manifest, message, out _);

    /// <summary>
    /// Replaces the sequence number of a frame <see cref="Encode(string, string?, ulong, int, string, ReadOnlySpan{byte}, out int)"/>
    /// wrote at <paramref name="sequenceNumberAt"/>, when the new number takes as many varint bytes as the old one
    /// (false, frame untouched, when it does not). Lets a sender encode outside the lock that orders its sequence numbers.
    /// </summary>
    public static bool TryRewriteSequenceNumber(byte[] frame, int sequenceNumberAt, ulong previous, ulong sequenceNumber)
    {
        if (previous == 0 || sequenceNumber == 0 || VarintSize(previous) != VarintSize(sequenceNumber)) return false;
        WriteVarint(frame, sequenceNumberAt, sequenceNumber);
        return true;
    }

    /// <summary>As <see cref="Encode(string, string?, ulong, int, string, ReadOnlySpan{byte})"/>; also says where the sequence number's varint starts.</summary>
    public static byte[] Encode(string recipient, string? sender, ulong sequenceNumber, int serializerId, string manifest, ReadOnlySpan<byte> message, out int sequenceNumberAt)
    {
        sequenceNumberAt = -1;
        sender ??= "";
        int recipientBytes = Encoding.UTF8.GetByteCount(recipient);
        int senderBytes = Encoding.UTF8.GetByteCount(sender);
        int manifestBytes = Encoding.UTF8.GetByteCount(manifest);

        int payloadSize = (serializerId != 0 ? 1 + VarintSize((ulong)(long)serializerId) : 0)
            + (manifestBytes > 0 ? 1 + VarintSize((ulong)manifestBytes) + manifestBytes : 0)
            + (message.Length > 0 ? 1 + VarintSize((ulong)message.Length) + message.Length : 0);
        int envelopeSize = (recipientBytes > 0 ? 1 + VarintSize((ulong)recipientBytes) + recipientBytes : 0)
            + (senderBytes > 0 ? 1 + VarintSize((ulong)senderBytes) + senderBytes : 0)
            + (sequenceNumber != 0 ? 1 + VarintSize(sequenceNumber) : 0)
            + 1 + VarintSize((ulong)payloadSize) + payloadSize;
        var frame = new byte[1 + VarintSize((ulong)envelopeSize) + envelopeSize];

        var span = frame.AsSpan();
        int at = 0;
        at = Header(span, at, WireMessage.EnvelopeFieldNumber, envelopeSize);
        if (recipientBytes > 0)
        {
            at = Text(span, Header(span, at, RemoteEnvelope.RecipientFieldNumber, recipientBytes), recipient);
        }
        if (senderBytes > 0) at = Text(span, Header(span, at, RemoteEnvelope.SenderFieldNumber, senderBytes), sender);
        if (sequenceNumber != 0)
        {
            span[at++] = Tag(RemoteEnvelope.SequenceNumberFieldNumber, Varint);
            sequenceNumberAt = at;
            at = WriteVarint(span, at, sequenceNumber);
        }
        at = Header(span, at, RemoteEnvelope.PayloadFieldNumber, payloadSize);
        if (serializerId != 0)
        {
            span[at++] = Tag(Payload.SerializerIdFieldNumber, Varint);
            // int32 fields encode negative values as ten-byte varints of their sign extension, as protobuf specifies.
            at = WriteVarint(span, at, (ulong)(long)serializerId);
        }
        if (manifestBytes > 0) at = Text(span, Header(span, at, Payload.ManifestFieldNumber, manifestBytes), manifest);
        if (message.Length > 0)
        {
            at = Header(span, at, Payload.MessageFieldNumber, message.Length);
            message.CopyTo(span[at..]);
        }
        return frame;
    }

    private static byte Tag(int field, int wireType) => (byte)((field << 3) | wireType);

    private static int Header(Span<byte> span, int at, int field, int length)
    {
        span[at++] = Tag(field, LengthDelimited);
        return WriteVarint(span, at, (ulong)length);
    }

    private static int Text(Span<byte> span, int at, string text) => at + Encoding.UTF8.GetBytes(text, span[at..]);

    private static int WriteVarint(Span<byte> span, int at, ulong value)
    {
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[at++] = (byte)value;
        return at;
    }

    private static int VarintSize(ulong value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }
}
