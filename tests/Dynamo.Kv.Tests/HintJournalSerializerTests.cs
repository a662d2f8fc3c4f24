using System.Runtime.Serialization;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Hints;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.Remoting.Wire;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>What the hinted handoff persists, written and read back through the actor system's bindings, as a SQL journal does.</summary>
public sealed class HintJournalSerializerTests : KvTestKit
{
    private readonly HintJournalSerializer _serializer;

    public HintJournalSerializerTests() => _serializer = SerializationRoundTrip.SerializerFor<HintJournalSerializer>(Sys, HintJournalSerializer.MessageTypes);

    private T RoundTrip<T>(T message) where T : notnull => SerializationRoundTrip.Through<HintJournalSerializer, T>(Sys, message);

    [Fact]
    public void Every_record_type_is_bound_to_the_serializer_with_id_108()
    {
        foreach (var type in HintJournalSerializer.MessageTypes)
            Assert.IsType<HintJournalSerializer>(Sys.Serialization.FindSerializerForType(type));
        Assert.Equal(108, _serializer.Identifier);
    }

    [Fact]
    public void Added_hint_round_trips_with_its_id_owner_partition_key_and_object()
    {
        var value = SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("v"u8.ToArray(), SiblingMetadata.Value(7, "text/plain")), "127.0.0.1:4001/1f");
        var sent = new HintAdded(9_000_000_000, "127.0.0.1:4002", 63, ObjectKey.Encode("bucket", [1, 2, 0, 3]), SiblingSetSerializer.Serialize(value));

        var received = RoundTrip(sent);

        Assert.Equal((sent.Id, sent.Owner, sent.Partition), (received.Id, received.Owner, received.Partition));
        Assert.Equal(sent.Key, received.Key);
        Assert.Equal(sent.Object, received.Object);
        Assert.Equal(value, SiblingSetSerializer.Deserialize(received.Object));
    }

    [Fact]
    public void Release_round_trips_its_ids_in_order()
    {
        var sent = new HintsDelivered([7, 3, 12_000_000_000]);

        Assert.Equal(sent.Ids, RoundTrip(sent).Ids);
        Assert.Empty(RoundTrip(new HintsDelivered([])).Ids);
    }

    [Fact]
    public void Snapshot_round_trips_its_hints_in_order_and_the_next_id()
    {
        var hints = Enumerable.Range(1, 3)
            .Select(i => new HintAdded(i * 10, $"owner-{i % 2}", i, ObjectKey.Encode("b", [(byte)i]), [(byte)i, 0xff]))
            .ToArray();

        var received = RoundTrip(new HintSnapshot(31, hints));
        var empty = RoundTrip(new HintSnapshot(1, []));

        Assert.Equal(31, received.NextId);
        Assert.Equal(
            hints.Select(h => (h.Id, h.Owner, h.Partition, Convert.ToHexString(h.Key), Convert.ToHexString(h.Object))),
            received.Hints.Select(h => (h.Id, h.Owner, h.Partition, Convert.ToHexString(h.Key), Convert.ToHexString(h.Object))));
        Assert.Equal(1, empty.NextId);
        Assert.Empty(empty.Hints);
    }

    [Fact]
    public void Unreadable_records_are_refused_naming_the_manifest()
    {
        var noOwner = new HintAddedData { Id = 1, Partition = 2 }.ToByteArray();
        var idBelowHints = new HintSnapshotData { NextId = 5, Hints = { new HintAddedData { Id = 5, Owner = "o" } } }.ToByteArray();

        Assert.Contains("hint-added", Assert.Throws<SerializationException>(() => _serializer.FromBinary(noOwner, "hint-added")).Message);
        Assert.Contains("hint-snapshot", Assert.Throws<SerializationException>(() => _serializer.FromBinary(idBelowHints, "hint-snapshot")).Message);
        Assert.Contains("hints-delivered", Assert.Throws<SerializationException>(() => _serializer.FromBinary(new byte[] { 0xff, 0xff }, "hints-delivered")).Message);
        Assert.Throws<SerializationException>(() => _serializer.FromBinary(Array.Empty<byte>(), "no-such-record"));
    }
}
