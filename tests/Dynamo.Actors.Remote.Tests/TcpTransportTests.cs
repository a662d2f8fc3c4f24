using Google.Protobuf;
using System.Collections.Concurrent;
using Dynamo.Actors.Remote.Transport;
using Dynamo.Actors.Remote.Transport.Tcp;
using Dynamo.Actors.Remote.Wire;

namespace Dynamo.Actors.Remote.Tests;

public class TcpTransportTests
{
    private static readonly Address Listen = new(Address.TcpProtocol, "server", "127.0.0.1", 0);

    [Fact(Timeout = 30_000)]
    public async Task Listening_on_port_zero_reports_the_bound_port()
    {
        await using var server = new TcpTransport(TestNode.DefaultSettings);
        var bound = await server.ListenAsync(Listen, a => a.Abort("unused"));
        Assert.NotEqual(0, bound.Port);
        Assert.Equal("server", bound.System);
    }

    [Fact(Timeout = 30_000)]
    public async Task Small_frames_arrive_in_order_and_share_socket_writes()
    {
        const int count = 20_000;
        var received = new FrameCollector();
        await using var server = new TcpTransport(TestNode.DefaultSettings);
        var bound = await server.ListenAsync(Listen, a => a.Start(received));
        await using var client = new TcpTransport(TestNode.DefaultSettings);
        var association = await client.AssociateAsync(bound);
        association.Start(new FrameCollector());

        for (int i = 0; i < count; i++) Assert.True(association.TryWrite(BitConverter.GetBytes(i)));
        await Eventually.True(() => received.Frames.Count == count, $"{count} frames arrived");

        Assert.Equal(Enumerable.Range(0, count), received.Frames.Select(f => BitConverter.ToInt32(f)));
        long flushes = ((TcpAssociation)association).Flushes;
        Assert.True(flushes < count / 10, $"{flushes} flushes for {count} frames: writes were not batched");
    }

    [Fact(Timeout = 30_000)]
    public async Task Graceful_disassociation_flushes_queued_frames_first()
    {
        var received = new FrameCollector();
        await using var server = new TcpTransport(TestNode.DefaultSettings);
        var bound = await server.ListenAsync(Listen, a => a.Start(received));
        await using var client = new TcpTransport(TestNode.DefaultSettings);
        var association = await client.AssociateAsync(bound);
        association.Start(new FrameCollector());

        for (int i = 0; i < 1000; i++) association.TryWrite(BitConverter.GetBytes(i));
        association.Disassociate("done");

        await Eventually.True(() => !received.Disassociations.IsEmpty, "the server saw the connection end");
        Assert.Equal(1000, received.Frames.Count);
        Assert.False(association.TryWrite(new byte[] { 1 }));
    }

    [Fact(Timeout = 30_000)]
    public async Task Send_buffer_limit_refuses_frames_beyond_it()
    {
        var settings = TestNode.DefaultSettings with { SendBufferLimit = 10 };
        await using var server = new TcpTransport(settings);
        var bound = await server.ListenAsync(Listen, a => a.Start(new FrameCollector()));
        await using var client = new TcpTransport(settings);
        var association = await client.AssociateAsync(bound);

        int accepted = Enumerable.Range(0, 100_000).Count(_ => association.TryWrite(new byte[64]));

        Assert.InRange(accepted, 10, 99_999);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_oversized_length_prefix_closes_only_that_connection()
    {
        var logs = new ConcurrentQueue<RemoteLogEntry>();
        var received = new FrameCollector();
        await using var server = new TcpTransport(TestNode.DefaultSettings with { MaximumFrameSize = 1024 }, logs.Enqueue);
        var bound = await server.ListenAsync(Listen, a => a.Start(received));
        using var bad = await RawClient.ConnectAsync(bound);

        await bad.Stream.WriteAsync(new byte[] { 0x00, 0x00, 0x04, 0x01, 1, 2, 3 });

        Assert.True(await bad.IsClosedByPeerAsync());
        await using var client = new TcpTransport(TestNode.DefaultSettings);
        var good = await client.AssociateAsync(bound);
        good.Start(new FrameCollector());
        good.TryWrite(new byte[] { 42 });
        await Eventually.True(() => received.Frames.Any(f => f.SequenceEqual(new byte[] { 42 })), "the good client's frame arrived");
        Assert.Contains(logs, l => l.Level == RemoteLogLevel.Warning && l.Message.Contains("exceeds the maximum frame size 1024"));
        Assert.Contains(received.Disassociations, r => r.Contains("protocol violation"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_malformed_frame_closes_only_that_connection_and_the_node_keeps_serving()
    {
        await using var b = await TestNode.StartAsync("b");
        await using var good = await TestNode.StartAsync("good");
        using var bad = await RawClient.ConnectAsync(b.Address);
        var challenge = WireMessage.Parser.ParseFrom(await bad.ReadFrameAsync());
        Assert.Equal(WireMessage.KindOneofCase.Challenge, challenge.KindCase);

        await bad.SendFrameAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF });

        Assert.True(await bad.IsClosedByPeerAsync());
        good.Remoting.Send(b.Address, "/user/x", null, "still here?");
        await Eventually.True(() => b.ReceivedStrings.Contains("still here?"), "the good node got through");
        Assert.True(b.Logged(RemoteLogLevel.Warning, "protocol violation"));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_envelope_before_the_handshake_is_a_protocol_violation()
    {
        await using var b = await TestNode.StartAsync("b");
        using var bad = await RawClient.ConnectAsync(b.Address);
        await bad.ReadFrameAsync();

        await bad.SendFrameAsync(new WireMessage { Envelope = new RemoteEnvelope { Recipient = "/user/x", SequenceNumber = 1, Payload = new Payload { SerializerId = 5 } } }.ToByteArray());

        Assert.True(await bad.IsClosedByPeerAsync());
        Assert.Empty(b.Received);
        Assert.True(b.Logged(RemoteLogLevel.Warning, "Expected Associate but received Envelope"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_peer_that_never_completes_the_handshake_is_disconnected()
    {
        await using var b = await TestNode.StartAsync("b", TestNode.DefaultSettings with { HandshakeTimeout = TimeSpan.FromMilliseconds(500) });
        using var silent = await RawClient.ConnectAsync(b.Address);
        await silent.ReadFrameAsync();

        Assert.True(await silent.IsClosedByPeerAsync());
        Assert.True(b.Logged(RemoteLogLevel.Warning, "timed out"));
    }
}
