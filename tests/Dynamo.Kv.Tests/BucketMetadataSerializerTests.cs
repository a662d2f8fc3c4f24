using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.DistributedData.Serialization;
using Dynamo.Kv.Buckets;
using Dynamo.Kv.Remoting;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>
/// The values of the replicated bucket-properties map, written by <see cref="BucketMetadataSerializer"/>, alone and
/// inside the map as Akka.DistributedData's own serializer writes it, through the actor system's bindings.
/// </summary>
public sealed class BucketMetadataSerializerTests : KvTestKit
{
    private static readonly UniqueAddress NodeA = new(new Address("akka.tcp", "dynamo", "127.0.0.1", 4001), 1);
    private static readonly UniqueAddress NodeB = new(new Address("akka.tcp", "dynamo", "127.0.0.1", 4002), 2);

    private readonly BucketMetadataSerializer _serializer;

    public BucketMetadataSerializerTests() => _serializer = SerializationRoundTrip.SerializerFor<BucketMetadataSerializer>(Sys, BucketMetadataSerializer.MessageTypes);

    [Fact]
    public void Bucket_properties_round_trip_with_every_field()
    {
        var props = new BucketProperties(5, 2, 4, ConflictMode.LastWriteWins) { PW = 2, PR = 1, ObjectBuffer = true };

        Assert.Equal(props, SerializationRoundTrip.Through<BucketMetadataSerializer, BucketProperties>(Sys, props));
        Assert.Equal(107, _serializer.Identifier);
    }

    [Fact]
    public void The_replicated_map_round_trips_through_distributed_data_with_its_values_through_this_serializer()
    {
        var wide = new BucketProperties(5, 2, 4, ConflictMode.LastWriteWins) { PW = 2 };
        var narrow = new BucketProperties(1, 1, 1, ConflictMode.Siblings);
        var map = LWWDictionary<string, BucketProperties>.Empty
            .SetItem(NodeA, "wide", wide)
            .SetItem(NodeB, "narrow", narrow)
            .SetItem(NodeB, "wide", narrow with { N = 2 });

        var back = SerializationRoundTrip.Through<ReplicatedDataSerializer, LWWDictionary<string, BucketProperties>>(Sys, map);

        Assert.Equal(map.Entries.OrderBy(e => e.Key), back.Entries.OrderBy(e => e.Key));
        Assert.Equal(narrow with { N = 2 }, back["wide"]);
    }

    [Fact]
    public void An_inconsistent_value_is_read_as_it_was_written_for_the_reader_to_skip()
    {
        var bytes = new BucketProps { N = 0, R = 1, W = 1 }.ToByteArray();

        var read = Assert.IsType<BucketProperties>(_serializer.FromBinary(bytes, "bucket-properties"));

        Assert.NotNull(read.Problem());
    }

    [Fact]
    public void An_unknown_manifest_or_unreadable_payload_is_refused_naming_it()
    {
        Assert.Contains("'other'", Assert.Throws<SerializationException>(() => _serializer.FromBinary(Array.Empty<byte>(), "other")).Message);
        Assert.Contains("unreadable", Assert.Throws<SerializationException>(() => _serializer.FromBinary(new byte[] { 0xff, 0xff }, "bucket-properties")).Message);
    }
}
