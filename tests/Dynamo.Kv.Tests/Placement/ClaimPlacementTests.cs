using System.Collections.Immutable;
using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Placement;

namespace Dynamo.Kv.Tests.Placement;

/// <summary>Where the claim allocation strategy puts a partition's shard, and which shards it moves.</summary>
public sealed class ClaimPlacementTests : KvTestKit
{
    private readonly Ring _ring = new Claimant(16).Claim(null, ["a", "b", "c"]);
    private readonly Dictionary<IActorRef, string> _nodes = [];

    private IActorRef Region(string node)
    {
        var region = CreateTestProbe().Ref;
        _nodes[region] = node;
        return region;
    }

    private string NodeOf(IActorRef region) => _nodes[region];

    [Fact]
    public void A_shard_goes_to_the_region_of_its_partitions_owner()
    {
        var regions = new[] { Region("a"), Region("b"), Region("c") };

        for (var partition = 0; partition < _ring.PartitionCount; partition++)
        {
            var region = ClaimPlacement.OwnerRegion(_ring, partition, regions, NodeOf);
            Assert.NotNull(region);
            Assert.Equal(_ring.OwnerOf(partition), NodeOf(region));
        }
    }

    [Fact]
    public void An_owner_without_a_region_gets_nothing_allocated()
    {
        var regions = new[] { Region("a"), Region("b") };
        var ofC = _ring.PartitionsOf("c").First();

        Assert.Null(ClaimPlacement.OwnerRegion(_ring, ofC, regions, NodeOf));
    }

    [Fact]
    public void Shards_off_their_owner_are_misplaced_only_when_the_owner_has_a_region()
    {
        var a = Region("a");
        var b = Region("b");
        var ofB = _ring.PartitionsOf("b").First();
        var ofC = _ring.PartitionsOf("c").First();
        var ofA = _ring.PartitionsOf("a").First();
        // Everything on a: b's partition should move to b; c has no region, so its partition stays.
        var allocations = ImmutableDictionary<IActorRef, IImmutableList<string>>.Empty
            .Add(a, ImmutableList.Create(Id(ofA), Id(ofB), Id(ofC), "not-a-partition", "99"))
            .Add(b, ImmutableList<string>.Empty);

        var misplaced = ClaimPlacement.Misplaced(_ring, allocations, NodeOf);

        var (shard, partition, from) = Assert.Single(misplaced);
        Assert.Equal((Id(ofB), ofB, "a"), (shard, partition, from));
    }

    [Fact]
    public void Shards_on_their_owners_are_not_misplaced()
    {
        var regions = new[] { Region("a"), Region("b"), Region("c") };
        var allocations = regions.ToImmutableDictionary(
            r => r,
            r => (IImmutableList<string>)_ring.PartitionsOf(NodeOf(r)).Select(Id).ToImmutableList());

        Assert.Empty(ClaimPlacement.Misplaced(_ring, allocations, NodeOf));
    }

    [Fact]
    public void The_extractor_names_shard_and_entity_after_the_partition()
    {
        var extractor = new PartitionMessageExtractor();

        Assert.Equal("7", PartitionMessageExtractor.IdOf(7));
        Assert.Equal(7, PartitionMessageExtractor.PartitionOf("7"));
        Assert.Equal("7", extractor.ShardId("7"));
        Assert.Throws<FormatException>(() => PartitionMessageExtractor.PartitionOf("-1"));
        Assert.Throws<FormatException>(() => PartitionMessageExtractor.PartitionOf("seven"));
    }

    private static string Id(int partition) => PartitionMessageExtractor.IdOf(partition);
}
