using System.Runtime.Serialization;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.Remoting.Wire;
using Dynamo.Kv.VNodes;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>What vnodes persist, written and read back through the actor system's bindings, as a SQL journal does.</summary>
public sealed class VNodeJournalSerializerTests : KvTestKit
{
    private readonly VNodeJournalSerializer _serializer;

    public VNodeJournalSerializerTests() => _serializer = SerializationRoundTrip.SerializerFor<VNodeJournalSerializer>(Sys, VNodeJournalSerializer.MessageTypes);

    private T RoundTrip<T>(T message) where T : notnull => SerializationRoundTrip.Through<VNodeJournalSerializer, T>(Sys, message);

    [Fact]
    public void Stored_object_round_trips_with_its_key_and_bytes()
    {
        var value = SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("v"u8.ToArray(), SiblingMetadata.Value(7, "text/plain")), "127.0.0.1:4001/1f");
        var sent = new ObjectStored(ObjectKey.Encode("bucket", [1, 2, 0, 3]), SiblingSetSerializer.Serialize(value));

        var received = RoundTrip(sent);

        Assert.Equal(sent.StorageKey, received.StorageKey);
        Assert.Equal(sent.Object, received.Object);
        Assert.Equal(value, SiblingSetSerializer.Deserialize(received.Object));
        Assert.Equal(106, _serializer.Identifier);
    }

    [Fact]
    public void Reap_and_lease_round_trip()
    {
        var reaped = new ObjectReaped(ObjectKey.Encode("b", "k"u8));
        var leased = new EpochLeased(new VNodeEpoch(123_456_789_012, 123_456_790_011));

        Assert.Equal(reaped.StorageKey, RoundTrip(reaped).StorageKey);
        Assert.Equal(leased, RoundTrip(leased));
    }

    [Fact]
    public void Snapshot_round_trips_its_index_entries_in_order_and_its_lease()
    {
        var entries = Enumerable.Range(0, 3)
            .Select(i => new ReplicaIndexEntry(ObjectKey.Encode("b", [(byte)i]), 10L + i, [(byte)i, 0xff, 0x10]))
            .ToArray();
        var withLease = new VNodeSnapshot([.. entries], new VNodeEpoch(5, 1004));
        var withoutLease = new VNodeSnapshot([], null);

        var received = RoundTrip(withLease);

        Assert.Equal(withLease.Lease, received.Lease);
        Assert.Equal(
            entries.Select(e => (Convert.ToHexString(e.StorageKey), e.SequenceNr, Convert.ToHexString(e.Digest))),
            received.Entries.Select(e => (Convert.ToHexString(e.StorageKey), e.SequenceNr, Convert.ToHexString(e.Digest))));
        var empty = RoundTrip(withoutLease);
        Assert.Empty(empty.Entries);
        Assert.Null(empty.Lease);
    }

    [Fact]
    public void Handoff_progress_round_trips_as_an_event_and_inside_a_snapshot()
    {
        var folded = new HandoffFolded("127.0.0.1:4002", 981, ObjectKey.Encode("b", "k17"u8));
        var completed = new HandoffCompleted("127.0.0.1:4002");
        var snapshot = new VNodeSnapshot([], null) { Handoffs = [folded, folded with { SourceNode = "127.0.0.1:4003", Mark = 5 }] };

        var received = RoundTrip(folded);
        var restored = RoundTrip(snapshot);

        Assert.Equal((folded.SourceNode, folded.Mark, Convert.ToHexString(folded.FoldedTo)), (received.SourceNode, received.Mark, Convert.ToHexString(received.FoldedTo)));
        Assert.Equal(completed, RoundTrip(completed));
        Assert.Equal(
            snapshot.Handoffs.Select(f => (f.SourceNode, f.Mark, Convert.ToHexString(f.FoldedTo))),
            restored.Handoffs.Select(f => (f.SourceNode, f.Mark, Convert.ToHexString(f.FoldedTo))));
        Assert.Empty(RoundTrip(new VNodeSnapshot([], null)).Handoffs);
        var keyless = new HandoffFoldedData { SourceNode = "n", Mark = 3 }.ToByteArray();
        Assert.Contains("handoff-folded", Assert.Throws<SerializationException>(() => _serializer.FromBinary(keyless, "handoff-folded")).Message);
    }

    [Fact]
    public void Unreadable_records_are_refused_naming_the_manifest()
    {
        var badLease = new EpochLeasedData { First = 10, LeasedUntil = 3 }.ToByteArray();

        Assert.Contains("epoch-leased", Assert.Throws<SerializationException>(() => _serializer.FromBinary(badLease, "epoch-leased")).Message);
        Assert.Contains("object-stored", Assert.Throws<SerializationException>(() => _serializer.FromBinary(new byte[] { 0xff, 0xff }, "object-stored")).Message);
        Assert.Throws<SerializationException>(() => _serializer.FromBinary(Array.Empty<byte>(), "no-such-record"));
    }
}
