using System.Runtime.Serialization;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>Messages of <see cref="KvMessageSerializer"/>, written and read through the actor system's bindings.</summary>
public sealed class KvMessageSerializerTests : KvTestKit
{
    private readonly KvMessageSerializer _serializer;

    public KvMessageSerializerTests() => _serializer = SerializationRoundTrip.SerializerFor<KvMessageSerializer>(Sys, KvMessageSerializer.MessageTypes);

    private static Sibling Value(string text, long timestamp) =>
        new(System.Text.Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(timestamp, "text/plain"));

    // Two concurrent writes: two siblings under two nodes' entries, the shape that stresses the encoding most.
    private static SiblingSet TwoSiblings() =>
        SiblingSet.Empty.Update(CausalContext.Empty, Value("a", 1), "127.0.0.1:4001")
            .Sync(SiblingSet.Empty.Update(CausalContext.Empty, Value("b", 2), "127.0.0.1:4002"));

    private T RoundTrip<T>(T message) where T : notnull => SerializationRoundTrip.Through<KvMessageSerializer, T>(Sys, message);

    [Fact]
    public void Forwarded_put_round_trips_with_its_protocol_request()
    {
        var put = new Put { Bucket = "b", Key = ByteString.CopyFromUtf8("k"), Value = ByteString.CopyFromUtf8("v"), W = 3, Context = ByteString.CopyFrom(1, 2) };
        Assert.Equal(put, RoundTrip(new ForwardedRequest(put)).Request);
    }

    [Fact]
    public void Forwarded_get_and_delete_round_trip()
    {
        var get = new Get { Bucket = "b", Key = ByteString.CopyFromUtf8("k"), R = 1 };
        var delete = new Delete { Bucket = "b", Key = ByteString.CopyFromUtf8("k") };
        Assert.Equal(get, RoundTrip(new ForwardedRequest(get)).Request);
        Assert.Equal(delete, RoundTrip(new ForwardedRequest(delete)).Request);
    }

    [Fact]
    public void Forwarded_batched_request_keeps_its_clients_id_and_a_lone_one_has_none()
    {
        var get = new Get { Bucket = "b", Key = ByteString.CopyFromUtf8("k") };
        var batched = RoundTrip(new ForwardedRequest(get) { ClientRequestId = 42 });
        Assert.Equal((get, 42L), ((Get)batched.Request, batched.ClientRequestId));
        Assert.Equal(0, RoundTrip(new ForwardedRequest(get)).ClientRequestId);
    }

    [Fact]
    public void Forwarding_anything_but_a_client_request_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => _serializer.ToBinary(new ForwardedRequest(new GetResult())));
        Assert.Contains("GetResult", e.Message);
    }

    [Fact]
    public void Coordinated_put_round_trips_context_value_and_limits()
    {
        var context = TwoSiblings().Context;
        var sent = new CoordinatedPut("bucket", [1, 2, 3], context, Value("new", 99), LastWriteWins: true, new SiblingLimits(5, 7)) { RequestId = 41 };
        var received = RoundTrip(sent);
        Assert.Equal(sent.Bucket, received.Bucket);
        Assert.Equal(sent.Key, received.Key);
        Assert.Equal(context, received.Context);
        Assert.Equal(sent.Value, received.Value);
        Assert.Equal("new", Requests.Text(received.Value.Value.ToArray()));
        Assert.True(received.LastWriteWins);
        Assert.Equal(sent.Limits, received.Limits);
        Assert.Equal(41, received.RequestId);
    }

    [Fact]
    public void Coordinated_put_of_a_tombstone_stays_a_tombstone()
    {
        var received = RoundTrip(new CoordinatedPut("b", [9], CausalContext.Empty, Sibling.Tombstone(12), false, SiblingLimits.Default));
        Assert.True(received.Value.IsTombstone);
        Assert.Equal(12, received.Value.Metadata.Timestamp);
    }

    [Fact]
    public void Coordinated_put_ack_round_trips_its_object()
    {
        var sent = new CoordinatedPutAck("127.0.0.1:4001", 17, TwoSiblings()) { RequestId = 42 };
        Assert.Equal(sent, RoundTrip(sent));
    }

    [Fact]
    public void Coordinated_put_refusal_round_trips()
    {
        var sent = new CoordinatedPutRefused("n", 3, 101, 100) { RequestId = 43 };
        Assert.Equal(sent, RoundTrip(sent));
    }

    [Fact]
    public void Replica_put_round_trips_its_object()
    {
        var sent = new ReplicaPut("b", [0, 255], TwoSiblings()) { RequestId = long.MaxValue };
        var received = RoundTrip(sent);
        Assert.Equal(long.MaxValue, received.RequestId);
        Assert.Equal(sent.Bucket, received.Bucket);
        Assert.Equal(sent.Key, received.Key);
        Assert.Equal(sent.Object, received.Object);
        Assert.Equal(2, received.Object.Siblings.Count);
    }

    [Fact]
    public void Replica_put_ack_round_trips()
    {
        var sent = new ReplicaPutAck("n", 0) { RequestId = 44 };
        Assert.Equal(sent, RoundTrip(sent));
    }

    [Fact]
    public void Replica_get_round_trips()
    {
        var sent = new ReplicaGet("b", [7, 7]) { RequestId = 45 };
        var received = RoundTrip(sent);
        Assert.Equal(45, received.RequestId);
        Assert.Equal(sent.Bucket, received.Bucket);
        Assert.Equal(sent.Key, received.Key);
    }

    [Fact]
    public void Replica_get_result_round_trips_an_empty_object_and_a_full_one()
    {
        Assert.Equal(new ReplicaGetResult("n", 1, SiblingSet.Empty), RoundTrip(new ReplicaGetResult("n", 1, SiblingSet.Empty)));
        Assert.Equal(new ReplicaGetResult("n", 1, TwoSiblings()) { RequestId = 3 }, RoundTrip(new ReplicaGetResult("n", 1, TwoSiblings()) { RequestId = 3 }));
    }

    [Fact]
    public void A_replica_get_result_of_stored_bytes_puts_those_bytes_on_the_wire_and_decodes_them_where_read()
    {
        var stored = SiblingSetSerializer.Serialize(TwoSiblings());
        var sent = ReplicaGetResult.OfStored("n", 1, stored, requestId: 7);

        Assert.Equal(TwoSiblings(), sent.Object);
        var wire = Remoting.Wire.ReplicaGetResultData.Parser.ParseFrom(_serializer.ToBinary(sent));
        Assert.Equal(stored, wire.Object.ToByteArray());
        Assert.Equal(new ReplicaGetResult("n", 1, TwoSiblings()) { RequestId = 7 }, RoundTrip(ReplicaGetResult.OfStored("n", 1, stored, requestId: 7)));
        Assert.Equal(SiblingSet.Empty, ReplicaGetResult.OfStored("n", 1, null, requestId: 0).Object);
    }

    [Fact]
    public void Vnode_failure_round_trips_its_reason()
    {
        var sent = new VNodeFailure("n", 5, "disk full") { RequestId = 46 };
        Assert.Equal(sent, RoundTrip(sent));
    }

    [Fact]
    public void Garbage_bytes_are_refused_with_the_manifest_named()
    {
        byte[] garbage = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01];
        foreach (var message in new object[] { new ReplicaGet("b", [1]), new ReplicaPutAck("n", 1), new VNodeFailure("n", 1, "x") })
        {
            string manifest = _serializer.Manifest(message);
            var e = Assert.Throws<SerializationException>(() => _serializer.FromBinary(garbage, manifest));
            Assert.Contains(manifest, e.Message);
        }
    }

    [Fact]
    public void Corrupt_sibling_set_bytes_are_refused()
    {
        var good = _serializer.ToBinary(new ReplicaPut("b", [1], TwoSiblings()));
        // Cut the object short: the protobuf still parses, the sibling set inside does not.
        var data = Remoting.Wire.ReplicaPutData.Parser.ParseFrom(good);
        data.Object = ByteString.CopyFrom(data.Object.Span[..^3]);
        var e = Assert.Throws<SerializationException>(() => _serializer.FromBinary(data.ToByteArray(), "replica-put"));
        Assert.IsType<InvalidSiblingSetException>(e.InnerException);
    }

    [Fact]
    public void Corrupt_context_bytes_are_refused()
    {
        var good = _serializer.ToBinary(new CoordinatedPut("b", [1], TwoSiblings().Context, Value("v", 1), false, SiblingLimits.Default));
        var data = Remoting.Wire.CoordinatedPutData.Parser.ParseFrom(good);
        data.Context = ByteString.CopyFrom(0x7F, 0x01);
        var e = Assert.Throws<SerializationException>(() => _serializer.FromBinary(data.ToByteArray(), "coordinated-put"));
        Assert.IsType<InvalidContextException>(e.InnerException);
    }

    [Fact]
    public void A_coordinated_put_carrying_two_values_is_refused()
    {
        var data = new Remoting.Wire.CoordinatedPutData
        {
            Bucket = "b",
            Key = ByteString.CopyFrom(1),
            Context = ByteString.CopyFrom(CausalContext.Empty.ToBytes()),
            Value = ByteString.CopyFrom(SiblingSetSerializer.Serialize(TwoSiblings())),
        };
        var e = Assert.Throws<SerializationException>(() => _serializer.FromBinary(data.ToByteArray(), "coordinated-put"));
        Assert.Contains("exactly one value", e.Message);
    }

    [Fact]
    public void A_missing_node_or_object_is_refused()
    {
        var noNode = new Remoting.Wire.ReplicaPutAckData { Partition = 1 }.ToByteArray();
        Assert.Contains("names no node", Assert.Throws<SerializationException>(() => _serializer.FromBinary(noNode, "replica-put-ack")).Message);
        var noObject = new Remoting.Wire.ReplicaGetResultData { Node = "n", Partition = 1 }.ToByteArray();
        Assert.Contains("sibling-set bytes", Assert.Throws<SerializationException>(() => _serializer.FromBinary(noObject, "replica-get-result")).Message);
    }

    [Fact]
    public void An_unknown_manifest_is_refused()
    {
        var e = Assert.Throws<SerializationException>(() => _serializer.FromBinary(new byte[] { 1 }, "no-such-message"));
        Assert.Contains("no-such-message", e.Message);
    }
}
