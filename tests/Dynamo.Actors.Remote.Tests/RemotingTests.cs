using Dynamo.Actors.Remote.Events;
using Dynamo.Actors.Remote.Serialization;

namespace Dynamo.Actors.Remote.Tests;

public class RemotingTests
{
    [Fact(Timeout = 30_000)]
    public async Task Envelopes_round_trip_with_paths_origin_and_uid()
    {
        await using var a = await TestNode.StartAsync("a");
        await using var b = await TestNode.StartAsync("b");

        Assert.True(a.Remoting.Send(b.Address, "/user/echo", "dynamo.tcp://a@127.0.0.1/user/asker", "ping"));
        await Eventually.True(() => b.Received.Count == 1, "b received the ping");
        var ping = Assert.Single(b.Received);
        b.Remoting.Send(ping.Origin, ping.SenderPath!, ping.RecipientPath, new byte[] { 1, 2, 3 });
        await Eventually.True(() => a.Received.Count == 1, "a received the reply");

        Assert.Equal(("/user/echo", "ping", a.Address, a.Remoting.Uid), (ping.RecipientPath, (string)ping.Message, ping.Origin, ping.OriginUid));
        var reply = Assert.Single(a.Received);
        Assert.Equal(new byte[] { 1, 2, 3 }, reply.Message);
        Assert.Equal(b.Remoting.Uid, reply.OriginUid);
        Assert.Equal(b.Remoting.Uid, a.Remoting.AssociatedUid(b.Address));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_hundred_thousand_small_envelopes_arrive_in_send_order()
    {
        const int count = 100_000;
        await using var a = await TestNode.StartAsync("a");
        await using var b = await TestNode.StartAsync("b");
        var payloads = Enumerable.Range(0, count).Select(i => BitConverter.GetBytes(i)).ToArray();

        for (int i = 0; i < count; i++)
            Assert.True(a.Remoting.Send(b.Address, "/user/sink", null, payloads[i]));
        await Eventually.True(() => b.Received.Count == count, $"b received {count} envelopes", TimeSpan.FromSeconds(45));

        int expected = 0;
        ulong lastSequence = 0;
        foreach (var envelope in b.Received)
        {
            Assert.Equal(expected++, BitConverter.ToInt32((byte[])envelope.Message));
            Assert.True(envelope.SequenceNumber > lastSequence);
            lastSequence = envelope.SequenceNumber;
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Systems_connecting_to_each_other_at_once_share_one_association()
    {
        for (int round = 0; round < 5; round++)
        {
            await using var a = await TestNode.StartAsync("a");
            await using var b = await TestNode.StartAsync("b");
            using var go = new ManualResetEventSlim();
            var sendA = Task.Run(() => { go.Wait(); a.Remoting.Send(b.Address, "/user/x", null, "from a"); });
            var sendB = Task.Run(() => { go.Wait(); b.Remoting.Send(a.Address, "/user/x", null, "from b"); });
            go.Set();
            await Task.WhenAll(sendA, sendB);

            await Eventually.True(() => a.ReceivedStrings.Contains("from b") && b.ReceivedStrings.Contains("from a"), "both envelopes arrived");
            // A round trip on the settled association flushes out any late second handshake.
            a.Remoting.Send(b.Address, "/user/x", null, "again");
            await Eventually.True(() => b.ReceivedStrings.Contains("again"), "the follow-up arrived");

            var establishedAtA = Assert.Single(a.Events.OfType<AssociationEstablished>());
            var establishedAtB = Assert.Single(b.Events.OfType<AssociationEstablished>());
            Assert.NotEqual(establishedAtA.Inbound, establishedAtB.Inbound);
            Assert.Empty(a.Events.OfType<AssociationLost>());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_restarted_system_on_the_same_port_is_reassociated_as_a_new_incarnation()
    {
        await using var a = await TestNode.StartAsync("a");
        var first = await TestNode.StartAsync("b");
        var address = first.Address;
        var oldUid = first.Remoting.Uid;
        a.Remoting.Send(address, "/user/x", null, "before");
        await Eventually.True(() => first.Received.Count == 1, "the first incarnation received an envelope");
        await first.DisposeAsync();
        await Eventually.True(() => a.Events.OfType<AssociationLost>().Any(), "a noticed the loss");

        a.Remoting.Send(address, "/user/x", null, "while down");
        await Eventually.True(() => a.Events.OfType<AssociationFailed>().Count() >= 3, "a retried several times");
        await using var second = await TestNode.StartAsync("b", TestNode.DefaultSettings with { Port = address.Port!.Value });

        await Eventually.True(() => second.ReceivedStrings.Contains("while down"), "the queued envelope reached the new incarnation");
        var changed = Assert.Single(a.Events.OfType<IncarnationChanged>());
        Assert.Equal(new IncarnationChanged(address, oldUid, second.Remoting.Uid), changed);
        var delays = a.Events.OfType<AssociationFailed>().Select(f => f.RetryIn).ToList();
        Assert.True(delays[1] > delays[0], $"backoff did not grow: {string.Join(", ", delays)}");
        Assert.True(delays.Max() <= TestNode.DefaultSettings.BackoffMax);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_quarantined_incarnation_is_refused_but_its_successor_is_accepted()
    {
        await using var a = await TestNode.StartAsync("a");
        var first = await TestNode.StartAsync("b");
        var address = first.Address;
        first.Remoting.Send(a.Address, "/user/x", null, "hello");
        await Eventually.True(() => a.Received.Count == 1, "a heard from b");

        a.Remoting.Quarantine(address, first.Remoting.Uid, "test");
        await Eventually.True(() => first.Events.OfType<AssociationLost>().Any(), "b's association was closed");
        first.Remoting.Send(a.Address, "/user/x", null, "after quarantine");
        await Eventually.True(() => first.Events.OfType<AssociationFailed>().Any(f => f.Reason.Contains("quarantined")), "b was rejected as quarantined");
        await Eventually.Never(() => a.ReceivedStrings.Contains("after quarantine"), "the quarantined incarnation got through", TimeSpan.FromMilliseconds(300));
        await first.DisposeAsync();

        await using var second = await TestNode.StartAsync("b", TestNode.DefaultSettings with { Port = address.Port!.Value });
        second.Remoting.Send(a.Address, "/user/x", null, "new incarnation");
        await Eventually.True(() => a.ReceivedStrings.Contains("new incarnation"), "the new incarnation was accepted");
        Assert.True(a.Remoting.IsQuarantined(address, first.Remoting.Uid));
        Assert.Contains(a.Events, e => e is IncarnationQuarantined q && q.Uid == first.Remoting.Uid);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_quarantined_incarnation_is_not_reassociated_from_this_side_either()
    {
        await using var a = await TestNode.StartAsync("a");
        await using var b = await TestNode.StartAsync("b");
        a.Remoting.Quarantine(b.Address, b.Remoting.Uid, "test");

        a.Remoting.Send(b.Address, "/user/x", null, "never");

        await Eventually.True(() => a.Events.OfType<AssociationFailed>().Any(f => f.Reason.Contains("quarantined")), "a refused b's incarnation");
        Assert.Empty(b.Received);
        Assert.Null(a.Remoting.AssociatedUid(b.Address));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_wrong_cookie_is_rejected_and_the_node_keeps_serving_others()
    {
        await using var b = await TestNode.StartAsync("b");
        await using var intruder = await TestNode.StartAsync("intruder", TestNode.DefaultSettings with { Cookie = "guess" });
        await using var friend = await TestNode.StartAsync("friend");

        intruder.Remoting.Send(b.Address, "/user/x", null, "let me in");
        await Eventually.True(() => intruder.Events.OfType<AssociationFailed>().Any(f => f.Reason.Contains("cookie")), "the intruder was rejected");
        friend.Remoting.Send(b.Address, "/user/x", null, "hi");
        await Eventually.True(() => b.ReceivedStrings.Contains("hi"), "the friend got through");

        Assert.DoesNotContain("let me in", b.ReceivedStrings);
        Assert.True(b.Logged(RemoteLogLevel.Warning, "cookie proof is wrong"));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unknown_serializer_closes_the_association_and_is_logged()
    {
        var custom = SerializerRegistry.CreateDefault().Bind<Guid>(new GuidSerializer());
        await using var a = await TestNode.StartAsync("a", serializers: custom);
        await using var b = await TestNode.StartAsync("b");

        a.Remoting.Send(b.Address, "/user/x", null, Guid.NewGuid());
        await Eventually.True(() => b.Logged(RemoteLogLevel.Warning, "Unknown serializer id 777"), "b logged the unknown serializer");
        await Eventually.True(() => a.Events.OfType<AssociationLost>().Any(), "the association was closed");
        a.Remoting.Send(b.Address, "/user/x", null, "still friends");

        await Eventually.True(() => b.ReceivedStrings.Contains("still friends"), "a reassociated and delivered");
        Assert.DoesNotContain(b.Received, e => e.Message is Guid);
    }

    [Fact(Timeout = 30_000)]
    public async Task Sending_to_its_own_address_is_refused()
    {
        await using var a = await TestNode.StartAsync("a");
        Assert.Throws<ArgumentException>(() => a.Remoting.Send(a.Address, "/user/x", null, "me"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Sending_a_message_without_a_serializer_names_its_type()
    {
        await using var a = await TestNode.StartAsync("a");
        await using var b = await TestNode.StartAsync("b");
        var e = Assert.Throws<InvalidOperationException>(() => a.Remoting.Send(b.Address, "/user/x", null, 42));
        Assert.Contains("System.Int32", e.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_envelope_above_the_maximum_frame_size_is_refused_before_sending()
    {
        var settings = TestNode.DefaultSettings with { MaximumFrameSize = 1024 };
        await using var a = await TestNode.StartAsync("a", settings);
        await using var b = await TestNode.StartAsync("b", settings);

        var e = Assert.Throws<ArgumentException>(() => a.Remoting.Send(b.Address, "/user/x", null, new byte[2048]));
        a.Remoting.Send(b.Address, "/user/x", null, "small");

        Assert.Contains("maximum frame size 1024", e.Message);
        await Eventually.True(() => b.ReceivedStrings.Contains("small"), "the small envelope still went through");
        Assert.Single(b.Received);
    }

    private sealed class GuidSerializer : ISerializer
    {
        public int Identifier => 777;
        public string Manifest(object message) => "";
        public byte[] ToBinary(object message) => ((Guid)message).ToByteArray();
        public object FromBinary(ReadOnlyMemory<byte> bytes, string manifest) => new Guid(bytes.Span);
    }
}
