using System.Collections.Concurrent;
using System.Diagnostics;
using Dynamo.Actors.Remote.Serialization;
using Dynamo.Actors.Remote.Wire;
using Google.Protobuf;

namespace Dynamo.Actors.Remote.Tests;

public class HandshakeFuzzTests
{
    private static readonly Address Peer = Address.Parse("dynamo.tcp://peer@127.0.0.1:4000");

    [Fact(Timeout = 30_000)]
    public async Task Mutated_handshakes_and_envelopes_never_escape_the_protocol_handler()
    {
        var transport = new FakeTransport();
        var delivered = new ConcurrentQueue<InboundEnvelope>();
        var logs = new ConcurrentQueue<RemoteLogEntry>();
        await using var remoting = new Remoting("fuzz", TestNode.DefaultSettings, transport, SerializerRegistry.CreateDefault(), delivered.Enqueue, logs.Enqueue);
        await remoting.StartAsync();
        var random = new Random(4242);
        var clock = Stopwatch.StartNew();
        int cases = 0, established = 0, closed = 0;

        for (; cases < 1500 && clock.Elapsed < TimeSpan.FromSeconds(10); cases++)
        {
            var association = new FakeAssociation(remoting.LocalAddress, new Address(Address.TcpProtocol, "", "127.0.0.1", 50000), inbound: true);
            transport.OnInbound!(association);
            var challenge = WireMessage.Parser.ParseFrom(association.Written[0]).Challenge;
            ulong uid = (ulong)random.NextInt64(1, long.MaxValue);
            var frames = new List<byte[]> { Mutate(random, ValidAssociate(challenge.Nonce.ToByteArray(), uid), cases % 3 != 0) };
            for (int i = random.Next(4); i > 0; i--) frames.Add(Mutate(random, ValidEnvelope((ulong)(frames.Count)), random.Next(3) == 0));

            foreach (var frame in frames)
            {
                if (!association.IsOpen) break;
                // The handler must turn every bad frame into a closed association; anything thrown fails the test here.
                association.Receive(frame);
            }
            if (association.IsOpen)
            {
                established++;
                association.Abort("case over");
            }
            else closed++;
        }

        Assert.True(cases >= 500, $"only {cases} cases ran");
        Assert.True(established > 0 && closed > 0, $"{established} established, {closed} closed: the mutations exercised too little");
        Assert.NotEmpty(delivered);
        Assert.DoesNotContain(logs, l => l.Level == RemoteLogLevel.Error);
    }

    private static byte[] ValidAssociate(byte[] challengeNonce, ulong uid)
    {
        var nonce = CookieProof.NewNonce();
        var proof = CookieProof.Compute(TestNode.DefaultSettings.Cookie, CookieProof.AssociateLabel, challengeNonce, nonce, Peer.ToString(), uid);
        return new WireMessage
        {
            Associate = new Associate { ProtocolVersion = 1, Origin = Peer.ToString(), Uid = uid, Nonce = ByteString.CopyFrom(nonce), Proof = ByteString.CopyFrom(proof) },
        }.ToByteArray();
    }

    private static byte[] ValidEnvelope(ulong sequence) => new WireMessage
    {
        Envelope = new RemoteEnvelope
        {
            Recipient = "/user/x",
            SequenceNumber = sequence,
            Payload = new Payload { SerializerId = StringSerializer.Id, Message = ByteString.CopyFromUtf8("hi") },
        },
    }.ToByteArray();

    private static byte[] Mutate(Random random, byte[] frame, bool mutate)
    {
        if (!mutate) return frame;
        var bytes = (byte[])frame.Clone();
        if (random.Next(4) == 0) return bytes[..random.Next(1, bytes.Length + 1)];
        for (int i = random.Next(1, 4); i > 0; i--) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return bytes;
    }
}
