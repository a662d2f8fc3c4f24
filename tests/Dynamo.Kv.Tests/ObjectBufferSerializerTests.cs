using System.Runtime.Serialization;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.Remoting.Wire;
using Dynamo.Kv.VNodes;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>Messages of <see cref="ObjectBufferSerializer"/>, written and read through the actor system's bindings.</summary>
public sealed class ObjectBufferSerializerTests : KvTestKit
{
    private readonly ObjectBufferSerializer _serializer;

    public ObjectBufferSerializerTests() => _serializer = SerializationRoundTrip.SerializerFor<ObjectBufferSerializer>(Sys, ObjectBufferSerializer.MessageTypes);

    private T RoundTrip<T>(T message) where T : notnull => SerializationRoundTrip.Through<ObjectBufferSerializer, T>(Sys, message);

    [Fact]
    public void Buffered_replica_put_round_trips_with_its_object()
    {
        var value = SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("v"u8.ToArray(), SiblingMetadata.Value(1)), "127.0.0.1:4001/1f");
        var sent = new BufferedReplicaPut("bucket", [1, 2, 3], value) { RequestId = 23 };

        var received = RoundTrip(sent);

        Assert.Equal(sent.Bucket, received.Bucket);
        Assert.Equal(sent.Key, received.Key);
        Assert.Equal(sent.Object, received.Object);
        Assert.Equal(23, received.RequestId);
        Assert.Equal(104, _serializer.Identifier);
    }

    [Fact]
    public void Stats_request_and_answer_round_trip()
    {
        Assert.Equal(new ObjectBufferStats(5, 4, 1, 3), RoundTrip(new ObjectBufferStats(5, 4, 1, 3)));
        Assert.Same(GetObjectBufferStats.Instance, RoundTrip(GetObjectBufferStats.Instance));
    }

    [Fact]
    public void Buffered_put_without_its_object_is_refused_naming_the_problem()
    {
        var bytes = new BufferedReplicaPutData { Bucket = "b", Key = ByteString.CopyFromUtf8("k") }.ToByteArray();

        var error = Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes, "buffered-replica-put"));

        Assert.Contains("sibling-set bytes", error.Message);
    }
}
