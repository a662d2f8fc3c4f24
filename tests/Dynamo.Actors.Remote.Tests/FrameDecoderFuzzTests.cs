using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using Dynamo.Actors.Remote.Serialization;
using Dynamo.Actors.Remote.Transport;
using Dynamo.Actors.Remote.Wire;
using Google.Protobuf;

namespace Dynamo.Actors.Remote.Tests;

public class FrameDecoderFuzzTests
{
    private const int MaximumFrameSize = 64 * 1024;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private readonly SerializerRegistry _registry = SerializerRegistry.CreateDefault(Challenge.Descriptor, Heartbeat.Descriptor);

    [Fact(Timeout = 30_000)]
    public async Task Random_and_mutated_streams_raise_only_the_protocol_exception()
    {
        await Task.Yield();
        var random = new Random(20071014);
        var samples = ValidStreams().ToList();
        var clock = Stopwatch.StartNew();
        int cases = 0, violations = 0, framesDecoded = 0;
        for (; cases < 6000 && clock.Elapsed < Budget; cases++)
        {
            var bytes = (cases % 6) switch
            {
                0 => RandomBytes(random, random.Next(0, 300)),
                1 => FlipBits(random, samples[random.Next(samples.Count)]),
                2 => Truncate(random, samples[random.Next(samples.Count)]),
                3 => LieAboutLength(random, samples[random.Next(samples.Count)]),
                4 => Splice(random, samples[random.Next(samples.Count)], samples[random.Next(samples.Count)]),
                _ => FlipBits(random, Truncate(random, samples[random.Next(samples.Count)])),
            };
            try
            {
                framesDecoded += Decode(bytes, segmentSize: random.Next(1, 64));
            }
            catch (RemoteProtocolException)
            {
                violations++;
            }
        }
        Assert.True(cases >= 1000, $"only {cases} cases ran within the budget");
        Assert.True(violations > 0 && framesDecoded > 0, $"fuzzing exercised too little: {violations} violations, {framesDecoded} frames");
    }

    [Fact]
    public void Unmodified_streams_decode_without_violation()
    {
        foreach (var stream in ValidStreams())
            Assert.True(Decode(stream, segmentSize: 5) > 0);
    }

    /// <summary>Cuts frames, parses each as a wire message and deserializes envelope payloads: the receive path.</summary>
    private int Decode(byte[] bytes, int segmentSize)
    {
        var buffer = FramingTests.Segmented(bytes, segmentSize);
        int frames = 0;
        while (Framing.TryReadFrame(ref buffer, MaximumFrameSize, out var frame))
        {
            var message = WireCodec.Parse(frame);
            if (message.Envelope?.Payload is { } payload)
                _registry.GetById(payload.SerializerId).FromBinary(payload.Message.Memory, payload.Manifest);
            frames++;
        }
        return frames;
    }

    private static IEnumerable<byte[]> ValidStreams()
    {
        var messages = new[]
        {
            new WireMessage { Challenge = new Challenge { ProtocolVersion = 1, Nonce = ByteString.CopyFrom(new byte[32]) } },
            new WireMessage { Associate = new Associate { ProtocolVersion = 1, Origin = "dynamo.tcp://a@127.0.0.1:2552", Uid = 42, Nonce = ByteString.CopyFrom(new byte[32]), Proof = ByteString.CopyFrom(new byte[32]) } },
            new WireMessage { Heartbeat = new Heartbeat() },
            new WireMessage { Disassociate = new Disassociate { Reason = "bye" } },
            Envelope(StringSerializer.Id, "", System.Text.Encoding.UTF8.GetBytes("hello, world")),
            Envelope(BytesSerializer.Id, "", new byte[] { 1, 2, 3, 4 }),
            Envelope(ProtobufSerializer.Id, Challenge.Descriptor.FullName, new Challenge { ProtocolVersion = 7, Nonce = ByteString.CopyFromUtf8("n") }.ToByteArray()),
        };
        foreach (var m in messages) yield return Frame(m);
        yield return messages.SelectMany(Frame).ToArray();
    }

    private static WireMessage Envelope(int serializer, string manifest, byte[] bytes) => new()
    {
        Envelope = new RemoteEnvelope
        {
            Recipient = "/user/kv",
            Sender = "dynamo.tcp://a@127.0.0.1:2552/user/client",
            SequenceNumber = 9,
            Payload = new Payload { SerializerId = serializer, Manifest = manifest, Message = ByteString.CopyFrom(bytes) },
        },
    };

    private static byte[] Frame(WireMessage message)
    {
        var writer = new ArrayBufferWriter<byte>();
        Framing.WriteFrame(writer, message.ToByteArray(), MaximumFrameSize);
        return writer.WrittenMemory.ToArray();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] FlipBits(Random random, byte[] source)
    {
        var bytes = (byte[])source.Clone();
        for (int i = random.Next(1, 4); i > 0 && bytes.Length > 0; i--)
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return bytes;
    }

    private static byte[] Truncate(Random random, byte[] source) => source[..random.Next(source.Length + 1)];

    private static byte[] LieAboutLength(Random random, byte[] source)
    {
        var bytes = (byte[])source.Clone();
        uint lie = random.Next(3) switch
        {
            0 => (uint)random.Next(),
            1 => uint.MaxValue - (uint)random.Next(16),
            _ => (uint)random.Next(1, 40),
        };
        BinaryPrimitives.WriteUInt32BigEndian(bytes, lie);
        return bytes;
    }

    private static byte[] Splice(Random random, byte[] first, byte[] second) =>
        [.. first.AsSpan(0, random.Next(first.Length + 1)), .. second.AsSpan(random.Next(second.Length + 1))];
}
