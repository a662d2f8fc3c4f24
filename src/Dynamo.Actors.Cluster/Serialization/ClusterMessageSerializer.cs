using Dynamo.Actors.Cluster.Protocol;
using Dynamo.Actors.Cluster.Wire;
using Dynamo.Actors.Remote;
using Dynamo.Actors.Remote.Serialization;
using Google.Protobuf;

namespace Dynamo.Actors.Cluster.Serialization;

/// <summary>
/// Serializes the messages between cluster daemons as the protobuf messages of <c>cluster_messages.proto</c>
/// (id 11); gossip travels in <see cref="GossipSerializer"/>'s binary form inside them.
/// </summary>
internal sealed class ClusterMessageSerializer : ISerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 11;

    /// <summary>The message types this serializer writes.</summary>
    public static readonly IReadOnlyList<Type> Types =
    [
        typeof(InitJoin), typeof(InitJoinAck), typeof(InitJoinNack), typeof(Join), typeof(Welcome),
        typeof(GossipEnvelope), typeof(ClusterHeartbeat), typeof(ClusterHeartbeatRsp),
    ];

    /// <summary>Binds every cluster message type in <paramref name="registry"/>.</summary>
    public static void BindTo(SerializerRegistry registry)
    {
        var serializer = new ClusterMessageSerializer();
        foreach (var type in Types) registry.Bind(type, serializer);
    }

    public int Identifier => Id;

    public string Manifest(object message) => message switch
    {
        InitJoin => "IJ",
        InitJoinAck => "IJA",
        InitJoinNack => "IJN",
        Join => "J",
        Welcome => "W",
        GossipEnvelope => "G",
        ClusterHeartbeat => "HB",
        ClusterHeartbeatRsp => "HBR",
        _ => throw new ArgumentException($"{nameof(ClusterMessageSerializer)} does not serialize {message.GetType()}.", nameof(message)),
    };

    public byte[] ToBinary(object message)
    {
        IMessage data = message switch
        {
            InitJoin => new InitJoinData(),
            InitJoinAck a => new InitJoinAckData { Address = a.Address.ToString() },
            InitJoinNack n => new InitJoinNackData { Address = n.Address.ToString() },
            Join j => JoinData(j),
            Welcome w => new WelcomeData { From = Node(w.From), Gossip = ByteString.CopyFrom(GossipSerializer.ToBinary(w.Gossip)) },
            GossipEnvelope g => new GossipEnvelopeData { From = Node(g.From), To = Node(g.To), Gossip = ByteString.CopyFrom(GossipSerializer.ToBinary(g.Gossip)) },
            ClusterHeartbeat h => new ClusterHeartbeatData { From = Node(h.From), SequenceNr = h.SequenceNr },
            ClusterHeartbeatRsp r => new ClusterHeartbeatRspData { From = Node(r.From), SequenceNr = r.SequenceNr },
            _ => throw new ArgumentException($"{nameof(ClusterMessageSerializer)} does not serialize {message.GetType()}.", nameof(message)),
        };
        return data.ToByteArray();
    }

    public object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        var span = bytes.Span;
        try
        {
            return manifest switch
            {
                "IJ" => InitJoin.Instance,
                "IJA" => new InitJoinAck(ParseAddress(InitJoinAckData.Parser.ParseFrom(span).Address)),
                "IJN" => new InitJoinNack(ParseAddress(InitJoinNackData.Parser.ParseFrom(span).Address)),
                "J" => FromJoin(Wire.JoinData.Parser.ParseFrom(span)),
                "W" => FromWelcome(WelcomeData.Parser.ParseFrom(span)),
                "G" => FromGossip(GossipEnvelopeData.Parser.ParseFrom(span)),
                "HB" => FromHeartbeat(ClusterHeartbeatData.Parser.ParseFrom(span)),
                "HBR" => FromHeartbeatRsp(ClusterHeartbeatRspData.Parser.ParseFrom(span)),
                _ => throw new RemoteProtocolException($"Cluster message manifest '{manifest}' is unknown."),
            };
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException or InvalidDataException or EndOfStreamException)
        {
            throw new RemoteProtocolException($"Payload of cluster message '{manifest}' is not valid: {e.Message}", e);
        }
    }

    private static Wire.JoinData JoinData(Join join)
    {
        var data = new Wire.JoinData { Node = Node(join.Node) };
        data.Roles.AddRange(join.Roles);
        return data;
    }

    private static Join FromJoin(Wire.JoinData d) => new(FromNode(d.Node), d.Roles.ToArray());

    private static Welcome FromWelcome(WelcomeData d) => new(FromNode(d.From), GossipSerializer.FromBinary(d.Gossip.ToByteArray()));

    private static GossipEnvelope FromGossip(GossipEnvelopeData d) =>
        new(FromNode(d.From), FromNode(d.To), GossipSerializer.FromBinary(d.Gossip.ToByteArray())) { ReceivedAt = System.Diagnostics.Stopwatch.GetTimestamp() };

    private static ClusterHeartbeat FromHeartbeat(ClusterHeartbeatData d) => new(FromNode(d.From), d.SequenceNr);

    private static ClusterHeartbeatRsp FromHeartbeatRsp(ClusterHeartbeatRspData d) => new(FromNode(d.From), d.SequenceNr);

    private static UniqueAddressData Node(UniqueAddress node) => new() { Address = node.Address.ToString(), Uid = node.Uid };

    private static UniqueAddress FromNode(UniqueAddressData? d) =>
        d is null ? throw new RemoteProtocolException("A cluster message lacks a node address.") : new UniqueAddress(ParseAddress(d.Address), d.Uid);

    private static Address ParseAddress(string text) =>
        Address.TryParse(text, out var address) ? address : throw new RemoteProtocolException($"'{text}' is not a node address.");
}
