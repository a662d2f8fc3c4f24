using System.Runtime.Serialization;
using System.Collections.Immutable;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.Remoting;

namespace Dynamo.Kv.Tests;

/// <summary>Messages of <see cref="AntiEntropyMessageSerializer"/>, written and read through the actor system's bindings.</summary>
public sealed class AntiEntropyMessageSerializerTests : KvTestKit
{
    private static readonly TreeSpec Spec = new(64, 4096, 16);
    private readonly AntiEntropyMessageSerializer _serializer;

    public AntiEntropyMessageSerializerTests() => _serializer = SerializationRoundTrip.SerializerFor<AntiEntropyMessageSerializer>(Sys, AntiEntropyMessageSerializer.MessageTypes);

    private T RoundTrip<T>(T message) where T : notnull => SerializationRoundTrip.Through<AntiEntropyMessageSerializer, T>(Sys, message);

    [Fact]
    public void Tree_requests_and_hashes_round_trip()
    {
        var ask = new GetTreeHashes(Spec, 7, 2, [3, 17, 255]);
        var hashes = new TreeHashes("127.0.0.1:4001", 9, 7, 2, [0UL, ulong.MaxValue, 42UL]);

        var askBack = RoundTrip(ask);
        var hashesBack = RoundTrip(hashes);

        Assert.Equal((ask.Spec, ask.Range, ask.Level), (askBack.Spec, askBack.Range, askBack.Level));
        Assert.Equal(ask.Indices.ToArray(), askBack.Indices.ToArray());
        Assert.Equal((hashes.Node, hashes.Partition, hashes.Range, hashes.Level), (hashesBack.Node, hashesBack.Partition, hashesBack.Range, hashesBack.Level));
        Assert.Equal(hashes.Hashes.ToArray(), hashesBack.Hashes.ToArray());
    }

    [Fact]
    public void Segment_objects_round_trip_with_every_sibling()
    {
        var set = SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("a"u8.ToArray(), SiblingMetadata.Value(1, "text/plain")), "n1/1")
            .Sync(SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("b"u8.ToArray(), SiblingMetadata.Value(2, "text/plain")), "n2/1"));
        var ask = RoundTrip(new GetSegmentObjects(Spec, 3, [1, 2]));
        var objects = RoundTrip(new SegmentObjects("127.0.0.1:4002", 4, 3, [new SegmentObject("b", "k"u8.ToArray(), set)]));

        Assert.Equal([1, 2], ask.Segments.ToArray());
        var only = Assert.Single(objects.Objects);
        Assert.Equal(("b", set), (only.Bucket, only.Object));
        Assert.Equal("k"u8.ToArray(), only.Key);
    }

    [Fact]
    public void Stats_round_trip()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        var stats = new AntiEntropyStats("127.0.0.1:4001", 5, 1, 12, 300, ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(3, at)]));

        var back = RoundTrip(stats);

        Assert.Equal((stats.Node, stats.ExchangesCompleted, stats.ExchangesFailed, stats.KeysRepaired, stats.HashesExchanged),
            (back.Node, back.ExchangesCompleted, back.ExchangesFailed, back.KeysRepaired, back.HashesExchanged));
        Assert.Equal(stats.LastExchange, back.LastExchange);
        Assert.Same(GetAntiEntropyStats.Instance, RoundTrip(GetAntiEntropyStats.Instance));
    }

    [Fact]
    public void Unusable_tree_spec_is_refused_with_a_reason()
    {
        var bytes = _serializer.ToBinary(new GetTreeHashes(new TreeSpec(3, 4096, 16), 0, 0, [0]));

        var error = Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes, "get-tree-hashes"));

        Assert.Contains("partition count 3", error.Message);
    }

    [Fact]
    public void Serializer_id_is_105_and_bound_for_nodes()
    {
        Assert.Equal(105, _serializer.Identifier);
        Assert.Contains(typeof(SegmentObjects), AntiEntropyMessageSerializer.MessageTypes);
    }
}
