namespace Dynamo.Actors.Remote.Wire;

/// <summary>
/// Reads <c>WireMessage { envelope = RemoteEnvelope { … } }</c> in place, as <see cref="EnvelopeEncoder"/> writes it,
/// without building the three generated message objects or copying the payload. Anything it does not recognise
/// exactly (another message kind, an unknown or repeated field, a truncated value) makes it decline, and the frame
/// goes to the generated parser, which gives the precise error or the lenient protobuf reading.
/// </summary>
internal static class EnvelopeDecoder
{
    public static bool TryDecode(ReadOnlySpan<byte> frame, out DecodedEnvelope envelope)
    {
        envelope = default;
        int at = 0;
        if (frame.Length == 0 || frame[at++] != Tag(WireMessage.EnvelopeFieldNumber, 2)) return false;
        if (!TryReadLength(frame, ref at, out int length) || at + length != frame.Length) return false;
        var body = frame[at..];
        at = 0;
        int seen = 0;
        while (at < body.Length)
        {
            byte tag = body[at++];
            int field = tag >> 3;
            if (field is < 1 or > 4 || (seen & (1 << field)) != 0) return false;
            seen |= 1 << field;
            if (field == RemoteEnvelope.SequenceNumberFieldNumber)
            {
                if ((tag & 7) != 0 || !TryReadVarint(body, ref at, out envelope.SequenceNumber)) return false;
                continue;
            }
            if ((tag & 7) != 2 || !TryReadLength(body, ref at, out length)) return false;
            var value = body.Slice(at, length);
            at += length;
            switch (field)
            {
                case RemoteEnvelope.RecipientFieldNumber: envelope.Recipient = value; break;
                case RemoteEnvelope.SenderFieldNumber: envelope.Sender = value; break;
                default:
                    if (!TryDecodePayload(value, ref envelope)) return false;
                    envelope.HasPayload = true;
                    break;
            }
        }
        return true;
    }

    private static bool TryDecodePayload(ReadOnlySpan<byte> payload, ref DecodedEnvelope envelope)
    {
        int at = 0;
        int seen = 0;
        while (at < payload.Length)
        {
            byte tag = payload[at++];
            int field = tag >> 3;
            if (field is < 1 or > 3 || (seen & (1 << field)) != 0) return false;
            seen |= 1 << field;
            if (field == Payload.SerializerIdFieldNumber)
            {
                if ((tag & 7) != 0 || !TryReadVarint(payload, ref at, out ulong id)) return false;
                // int32 fields keep the low 32 bits of the varint, as protobuf reads them.
                envelope.SerializerId = unchecked((int)id);
                continue;
            }
            if ((tag & 7) != 2 || !TryReadLength(payload, ref at, out int length)) return false;
            var value = payload.Slice(at, length);
            at += length;
            if (field == Payload.ManifestFieldNumber) envelope.Manifest = value;
            else envelope.Message = value;
        }
        return true;
    }

    private static byte Tag(int field, int wireType) => (byte)((field << 3) | wireType);

    private static bool TryReadLength(ReadOnlySpan<byte> span, ref int at, out int length)
    {
        length = 0;
        if (!TryReadVarint(span, ref at, out ulong value) || value > (ulong)(span.Length - at)) return false;
        length = (int)value;
        return true;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> span, ref int at, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && at < span.Length; shift += 7)
        {
            byte b = span[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }
}
