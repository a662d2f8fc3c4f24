using Dynamo.Actors.Remote.Wire;
using Google.Protobuf;

namespace Dynamo.Actors.Remote.Tests;

public class EnvelopeEncoderTests
{
    public static TheoryData<string, string?, ulong, int, string, int> Cases => new()
    {
        { "/user/kv", "dynamo.tcp://a@127.0.0.1:2552/user/client", 1, 5, "", 12 },
        { "/user/kv", null, ulong.MaxValue, 2, "dynamo.kv.Put", 0 },
        { "/user/ünïcødé/✓", "", 300, -1, "манифест", 200 },
        { "/user/big", null, 0, 0, "", 70_000 },
        { "", null, 1, int.MaxValue, "m", 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encoding_matches_the_generated_protobuf_code_byte_for_byte(string recipient, string? sender, ulong sequence, int serializerId, string manifest, int messageLength)
    {
        var message = Enumerable.Range(0, messageLength).Select(i => (byte)(i * 31)).ToArray();
        var expected = new WireMessage
        {
            Envelope = new RemoteEnvelope
            {
                Recipient = recipient,
                Sender = sender ?? "",
                SequenceNumber = sequence,
                Payload = new Payload { SerializerId = serializerId, Manifest = manifest, Message = ByteString.CopyFrom(message) },
            },
        }.ToByteArray();

        var actual = EnvelopeEncoder.Encode(recipient, sender, sequence, serializerId, manifest, message);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1UL, 127UL)]
    [InlineData(300UL, 16_383UL)]
    [InlineData(16_384UL, 2_000_000UL)]
    public void A_sequence_number_of_the_same_width_is_rewritten_in_place_as_if_encoded_with_it(ulong guess, ulong actual)
    {
        byte[] message = [1, 2, 3];
        var frame = EnvelopeEncoder.Encode("/user/kv", "dynamo.tcp://a@127.0.0.1:2552/user/c", guess, 5, "m", message, out int at);

        Assert.True(EnvelopeEncoder.TryRewriteSequenceNumber(frame, at, guess, actual));

        Assert.Equal(EnvelopeEncoder.Encode("/user/kv", "dynamo.tcp://a@127.0.0.1:2552/user/c", actual, 5, "m", message), frame);
    }

    [Theory]
    [InlineData(127UL, 128UL)]
    [InlineData(16_383UL, 16_384UL)]
    public void A_sequence_number_of_another_width_is_not_rewritten(ulong guess, ulong actual)
    {
        var frame = EnvelopeEncoder.Encode("/user/kv", null, guess, 5, "m", [1, 2, 3], out int at);
        var before = frame.ToArray();

        Assert.False(EnvelopeEncoder.TryRewriteSequenceNumber(frame, at, guess, actual));
        Assert.Equal(before, frame);
    }
}
