using System.Runtime.Serialization;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Batching;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.Remoting.Wire;
using Dynamo.Kv.VNodes;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>Batches of <see cref="ReplicaBatchSerializer"/>, written and read through the actor system's bindings.</summary>
public sealed class ReplicaBatchSerializerTests : KvTestKit
{
    private static readonly SiblingSet Object =
        SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("value"u8.ToArray(), SiblingMetadata.Value(7, "text/plain")), "127.0.0.1:4001");

    private T RoundTrip<T>(T message) where T : notnull => SerializationRoundTrip.Through<ReplicaBatchSerializer, T>(Sys, message);

    [Fact]
    public void A_batch_of_requests_round_trips_each_request_with_its_partition()
    {
        var sent = new ReplicaBatch([
            new(3, new ReplicaGet("bucket", [1, 2]) { RequestId = 41 }),
            new(9, new ReplicaPut("bucket", [3], Object) { RequestId = 42 }),
            new(9, new BufferedReplicaPut("bucket", [4], Object) { RequestId = 43 }),
        ]);
        var received = RoundTrip(sent).Requests;

        Assert.Equal([3, 9, 9], received.Select(e => e.Partition));
        var get = Assert.IsType<ReplicaGet>(received[0].Request);
        Assert.Equal(("bucket", 41L), (get.Bucket, get.RequestId));
        Assert.Equal([1, 2], get.Key);
        var put = Assert.IsType<ReplicaPut>(received[1].Request);
        Assert.Equal((42L, Object), (put.RequestId, put.Object));
        Assert.Equal(43, Assert.IsType<BufferedReplicaPut>(received[2].Request).RequestId);
    }

    [Fact]
    public void A_batch_of_answers_round_trips_every_kind_of_answer()
    {
        var sent = new ReplyBatch([
            new ReplicaGetResult("n", 3, Object) { RequestId = 1 },
            new ReplicaPutAck("n", 4) { RequestId = 2 },
            new VNodeFailure("n", 5, "disk full") { RequestId = 3 },
        ]);
        var received = RoundTrip(sent).Replies;

        Assert.Equal([1L, 2L, 3L], received.Select(r => r.RequestId));
        Assert.Equal(Object, Assert.IsType<ReplicaGetResult>(received[0]).Object);
        Assert.Equal(4, Assert.IsType<ReplicaPutAck>(received[1]).Partition);
        Assert.Equal("disk full", Assert.IsType<VNodeFailure>(received[2]).Reason);
    }

    [Fact]
    public void An_answer_where_a_request_belongs_is_refused_naming_what_it_carried()
    {
        var ack = new ReplicaPutAck("n", 4) { RequestId = 2 };
        var serializer = Sys.Serialization.FindSerializerFor(ack);
        var bytes = new ReplicaBatchData
        {
            Requests = { new BatchedMessageData { Partition = 4, SerializerId = serializer.Identifier, Manifest = Akka.Serialization.Serialization.ManifestFor(serializer, ack), Message = ByteString.CopyFrom(serializer.ToBinary(ack)) } },
        }.ToByteArray();

        var e = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(bytes, ReplicaBatchSerializer.Id, "replica-batch"));
        Assert.Contains("ReplicaPutAck", e.Message);
    }

    [Fact]
    public void A_negative_partition_and_truncated_bytes_are_refused()
    {
        var get = new ReplicaGet("bucket", [1]) { RequestId = 1 };
        var serializer = Sys.Serialization.FindSerializerFor(get);
        var negative = new ReplicaBatchData
        {
            Requests = { new BatchedMessageData { Partition = -1, SerializerId = serializer.Identifier, Manifest = "replica-get", Message = ByteString.CopyFrom(serializer.ToBinary(get)) } },
        }.ToByteArray();
        Assert.Contains("partition -1", Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(negative, ReplicaBatchSerializer.Id, "replica-batch")).Message);

        var whole = Sys.Serialization.FindSerializerFor(new ReplyBatch([new ReplicaGetResult("n", 3, Object) { RequestId = 1 }]))
            .ToBinary(new ReplyBatch([new ReplicaGetResult("n", 3, Object) { RequestId = 1 }]));
        Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(whole[..^3], ReplicaBatchSerializer.Id, "reply-batch"));
    }

    [Fact]
    public void Fields_a_newer_node_may_add_are_skipped_in_the_batch_and_in_each_entry()
    {
        var get = new ReplicaGet("bucket", [7]) { RequestId = 5 };
        var serializer = Sys.Serialization.FindSerializerFor(get);
        var entry = new BatchedMessageData { Partition = 2, SerializerId = serializer.Identifier, Manifest = "replica-get", Message = ByteString.CopyFrom(serializer.ToBinary(get)) };
        // Field 9 as a varint, a fixed64, a fixed32 and a string, inside the entry and beside it in the batch.
        byte[] unknown = [0x48, 0x01, 0x49, 1, 2, 3, 4, 5, 6, 7, 8, 0x4D, 1, 2, 3, 4, 0x4A, 0x02, 0x68, 0x69];
        var entryBytes = entry.ToByteArray().Concat(unknown).ToArray();
        var batch = new byte[] { 0x0A, (byte)entryBytes.Length }.Concat(entryBytes).Concat(unknown).ToArray();

        var received = Assert.Single(Assert.IsType<ReplicaBatch>(Sys.Serialization.Deserialize(batch, ReplicaBatchSerializer.Id, "replica-batch")).Requests);
        Assert.Equal(2, received.Partition);
        Assert.Equal(5, Assert.IsType<ReplicaGet>(received.Request).RequestId);
    }
}
