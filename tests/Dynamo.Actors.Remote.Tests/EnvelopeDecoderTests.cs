using System.Text;
using Dynamo.Actors.Remote.Wire;
using Google.Protobuf;

namespace Dynamo.Actors.Remote.Tests;

public class EnvelopeDecoderTests
{
    [Theory]
    [MemberData(nameof(EnvelopeEncoderTests.Cases), MemberType = typeof(EnvelopeEncoderTests))]
    public void Decoding_reads_back_every_field_the_encoder_wrote(string recipient, string? sender, ulong sequence, int serializerId, string manifest, int messageLength)
    {
        var message = Enumerable.Range(0, messageLength).Select(i => (byte)(i * 7)).ToArray();
        var frame = EnvelopeEncoder.Encode(recipient, sender, sequence, serializerId, manifest, message);

        Assert.True(EnvelopeDecoder.TryDecode(frame, out var decoded));

        Assert.Equal(recipient, Encoding.UTF8.GetString(decoded.Recipient));
        Assert.Equal(sender ?? "", Encoding.UTF8.GetString(decoded.Sender));
        Assert.Equal(sequence, decoded.SequenceNumber);
        Assert.True(decoded.HasPayload);
        Assert.Equal(serializerId, decoded.SerializerId);
        Assert.Equal(manifest, Encoding.UTF8.GetString(decoded.Manifest));
        Assert.Equal(message, decoded.Message.ToArray());
    }

    [Fact]
    public void Frames_that_are_not_plain_envelopes_are_left_to_the_generated_parser()
    {
        var heartbeat = new WireMessage { Heartbeat = new Heartbeat() }.ToByteArray();
        var envelope = EnvelopeEncoder.Encode("/user/a", null, 1, 5, "", [1, 2, 3]);
        var truncated = envelope[..^1];
        // The same envelope with an unknown field 9 appended inside RemoteEnvelope: protobuf skips it, the fast path declines.
        var withUnknownField = new WireMessage
        {
            Envelope = new RemoteEnvelope { Recipient = "/user/a", SequenceNumber = 1, Payload = new Payload { SerializerId = 5 } },
        }.ToByteArray();
        withUnknownField[1] += 2;
        withUnknownField = [.. withUnknownField, 9 << 3, 1];

        Assert.False(EnvelopeDecoder.TryDecode(heartbeat, out _));
        Assert.False(EnvelopeDecoder.TryDecode(truncated, out _));
        Assert.False(EnvelopeDecoder.TryDecode(withUnknownField, out _));
        Assert.Equal("/user/a", WireMessage.Parser.ParseFrom(withUnknownField).Envelope.Recipient);
    }

    [Fact]
    public void The_string_cache_returns_the_same_instance_for_the_same_bytes_and_decodes_new_ones()
    {
        var cache = new Utf8StringCache();
        var first = cache.Get("dynamo.tcp://s@127.0.0.1:2552/user/a#1"u8);
        var again = cache.Get("dynamo.tcp://s@127.0.0.1:2552/user/a#1"u8);
        var other = cache.Get("dynamo.tcp://s@127.0.0.1:2552/user/b#1"u8);

        Assert.Same(first, again);
        Assert.Equal("dynamo.tcp://s@127.0.0.1:2552/user/a#1", first);
        Assert.Equal("dynamo.tcp://s@127.0.0.1:2552/user/b#1", other);
        Assert.Equal("", cache.Get([]));
    }
}
