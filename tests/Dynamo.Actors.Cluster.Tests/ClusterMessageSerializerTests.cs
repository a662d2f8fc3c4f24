using Dynamo.Actors.Cluster.Protocol;
using Dynamo.Actors.Cluster.Serialization;
using Dynamo.Actors.Remote;
using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public sealed class ClusterMessageSerializerTests
{
    private readonly ClusterMessageSerializer _serializer = new();

    private T RoundTrip<T>(T message) where T : notnull =>
        (T)_serializer.FromBinary(_serializer.ToBinary(message), _serializer.Manifest(message));

    [Fact]
    public void Join_keeps_the_incarnation_and_roles()
    {
        var join = RoundTrip(new Join(Node(3, uid: -42), ["kv", "frontend"]));

        Assert.Equal(Node(3, uid: -42), join.Node);
        Assert.Equal(["kv", "frontend"], join.Roles);
    }

    [Fact]
    public void Gossip_envelope_keeps_sender_recipient_and_gossip()
    {
        var gossip = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Joining)], [Node(1)]);

        var envelope = RoundTrip(new GossipEnvelope(Node(1), Node(2, uid: 7), gossip));

        Assert.Equal(Node(1), envelope.From);
        Assert.Equal(Node(2, uid: 7), envelope.To);
        Assert.Equal(Describe(gossip.Members), Describe(envelope.Gossip.Members));
        Assert.Equal(gossip.Version, envelope.Gossip.Version);
        Assert.True(envelope.Gossip.SeenByNode(Node(1)));
    }

    [Fact]
    public void Join_handshake_and_heartbeats_round_trip()
    {
        Assert.Same(InitJoin.Instance, RoundTrip(InitJoin.Instance));
        Assert.Equal(new InitJoinAck(AddressOf(4)), RoundTrip(new InitJoinAck(AddressOf(4))));
        Assert.Equal(new InitJoinNack(AddressOf(4)), RoundTrip(new InitJoinNack(AddressOf(4))));
        Assert.Equal(new ClusterHeartbeat(Node(2), 99), RoundTrip(new ClusterHeartbeat(Node(2), 99)));
        Assert.Equal(new ClusterHeartbeatRsp(Node(2), 99), RoundTrip(new ClusterHeartbeatRsp(Node(2), 99)));
    }

    [Fact]
    public void An_unknown_manifest_is_a_protocol_error()
    {
        var e = Assert.Throws<RemoteProtocolException>(() => _serializer.FromBinary(Array.Empty<byte>(), "nope"));

        Assert.Contains("nope", e.Message);
    }

    [Fact]
    public void A_garbled_address_is_a_protocol_error_naming_it()
    {
        var garbled = new Wire.InitJoinAckData { Address = "not an address" };

        var e = Assert.Throws<RemoteProtocolException>(() => _serializer.FromBinary(Google.Protobuf.MessageExtensions.ToByteArray(garbled), "IJA"));

        Assert.Contains("not an address", e.Message);
    }
}
