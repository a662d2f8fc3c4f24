using System.Runtime.Serialization;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>Messages of <see cref="KvReapingSerializer"/>, written and read through the actor system's bindings.</summary>
public sealed class KvReapingSerializerTests : KvTestKit
{
    private readonly KvReapingSerializer _serializer;

    public KvReapingSerializerTests() => _serializer = SerializationRoundTrip.SerializerFor<KvReapingSerializer>(Sys, KvReapingSerializer.MessageTypes);

    private static SiblingSet Tombstone()
    {
        var value = SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("v"u8.ToArray(), SiblingMetadata.Value(1)), "127.0.0.1:4001/1f");
        return value.Delete(value.Context, 2, "127.0.0.1:4002/9");
    }

    private T RoundTrip<T>(T message) where T : notnull => SerializationRoundTrip.Through<KvReapingSerializer, T>(Sys, message);

    [Fact]
    public void Reap_request_round_trips_with_its_tombstone()
    {
        var sent = new ReapTombstone("bucket", [1, 2, 3], Tombstone());

        var received = RoundTrip(sent);

        Assert.Equal(sent.Bucket, received.Bucket);
        Assert.Equal(sent.Key, received.Key);
        Assert.Equal(sent.Tombstone, received.Tombstone);
    }

    [Fact]
    public void Reap_answer_and_read_repair_stats_round_trip()
    {
        Assert.Equal(new TombstoneReaped("n", 7, true), RoundTrip(new TombstoneReaped("n", 7, true)));
        Assert.Equal(new ReadRepairStats(12, 3), RoundTrip(new ReadRepairStats(12, 3)));
        Assert.Same(GetReadRepairStats.Instance, RoundTrip(GetReadRepairStats.Instance));
    }

    [Fact]
    public void Reap_request_carrying_a_live_value_is_refused()
    {
        var live = SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("v"u8.ToArray(), SiblingMetadata.Value(1)), "a/1");
        var bytes = _serializer.ToBinary(new ReapTombstone("b", [1], live));

        var error = Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes, "reap-tombstone"));

        Assert.Contains("not a tombstone", error.Message);
    }

    [Fact]
    public void Unknown_manifest_is_named_in_the_error()
    {
        var error = Assert.Throws<SerializationException>(() => _serializer.FromBinary(Array.Empty<byte>(), "reap-everything"));

        Assert.Contains("reap-everything", error.Message);
    }
}
