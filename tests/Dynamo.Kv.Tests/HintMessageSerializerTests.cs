using System.Runtime.Serialization;
using System.Collections.Immutable;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Hints;
using Dynamo.Kv.Remoting;

namespace Dynamo.Kv.Tests;

/// <summary>Messages of <see cref="HintMessageSerializer"/>, written and read through the actor system's bindings.</summary>
public sealed class HintMessageSerializerTests : KvTestKit
{
    private readonly HintMessageSerializer _serializer;

    public HintMessageSerializerTests() => _serializer = SerializationRoundTrip.SerializerFor<HintMessageSerializer>(Sys, HintMessageSerializer.MessageTypes);

    private static SiblingSet TwoSiblings() =>
        SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("a"u8.ToArray(), SiblingMetadata.Value(1, "text/plain")), "127.0.0.1:4001")
            .Sync(SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("b"u8.ToArray(), SiblingMetadata.Value(2, "text/plain")), "127.0.0.1:4002"));

    private T RoundTrip<T>(T message) where T : notnull => SerializationRoundTrip.Through<HintMessageSerializer, T>(Sys, message);

    [Fact]
    public void Hinted_put_round_trips_with_owner_partition_and_every_sibling()
    {
        var put = new HintedPut("127.0.0.1:4003", 9, "b", "k"u8.ToArray(), TwoSiblings()) { RequestId = 21 };

        var back = RoundTrip(put);

        Assert.Equal((put.Owner, put.Partition, put.Bucket), (back.Owner, back.Partition, back.Bucket));
        Assert.Equal(put.Key, back.Key);
        Assert.Equal(put.Object, back.Object);
        Assert.Equal(21, back.RequestId);
    }

    [Fact]
    public void Hinted_get_and_handoff_stats_round_trip()
    {
        var get = RoundTrip(new HintedGet("127.0.0.1:4003", 9, "b", "k"u8.ToArray()) { RequestId = 22 });
        var stats = new HintStats("127.0.0.1:4001", 5, 3, 1,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("127.0.0.1:4003", 2L)]));
        var statsBack = RoundTrip(stats);

        Assert.Equal(("127.0.0.1:4003", 9, "b", 22L), (get.Owner, get.Partition, get.Bucket, get.RequestId));
        Assert.Equal("k"u8.ToArray(), get.Key);
        Assert.Equal((stats.Node, stats.Stored, stats.Delivered, stats.FailedBatches), (statsBack.Node, statsBack.Stored, statsBack.Delivered, statsBack.FailedBatches));
        Assert.Equal(stats.Pending, statsBack.Pending);
        Assert.Same(GetHintStats.Instance, RoundTrip(GetHintStats.Instance));
    }

    [Fact]
    public void A_hinted_put_without_owner_or_object_is_refused_naming_the_problem()
    {
        var noOwner = _serializer.ToBinary(new HintedPut("", 1, "b", "k"u8.ToArray(), TwoSiblings()));

        var error = Assert.Throws<SerializationException>(() => _serializer.FromBinary(noOwner, "hinted-put"));

        Assert.Contains("owner", error.Message);
        Assert.Contains("not a known message", Assert.Throws<SerializationException>(() => _serializer.FromBinary(Array.Empty<byte>(), "nope")).Message);
    }
}
