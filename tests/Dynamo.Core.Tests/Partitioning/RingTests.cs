using Dynamo.Core.Partitioning;

namespace Dynamo.Core.Tests.Partitioning;

public sealed class RingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(96)]
    [InlineData(8192)]
    [InlineData(-64)]
    public void Partition_count_that_is_not_a_power_of_two_up_to_4096_is_rejected_with_the_rule(int q)
    {
        var e = Assert.Throws<ArgumentException>(() => new Claimant(q));
        Assert.Contains("power of two between 1 and 4096", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(4096)]
    public void Partition_of_a_position_is_its_top_log2_q_bits(int q)
    {
        var ring = new Claimant(q).Stripe(["a", "b", "c", "d"]);
        Assert.Equal(0, ring.PartitionOf(UInt128.Zero));
        Assert.Equal(q - 1, ring.PartitionOf(UInt128.MaxValue));
        for (var p = 0; p < q; p += Math.Max(1, q / 16))
        {
            Assert.Equal(p, ring.PartitionOf(ring.StartOf(p)));
            if (p > 0)
            {
                Assert.Equal(p - 1, ring.PartitionOf(ring.StartOf(p) - UInt128.One));
            }
        }
    }

    [Fact]
    public void Keys_spread_over_all_partitions()
    {
        var ring = new Claimant(64).Stripe(["a", "b", "c"]);
        var hits = new int[64];
        for (var i = 0; i < 6400; i++)
        {
            hits[ring.PartitionOf("bucket"u8, System.Text.Encoding.UTF8.GetBytes($"key-{i}"))]++;
        }

        Assert.All(hits, h => Assert.InRange(h, 50, 160));
    }

    [Fact]
    public void Ring_rejects_an_owner_that_is_not_a_member()
    {
        var e = Assert.Throws<ArgumentException>(() => new Ring(["a"], ["a", "z"]));
        Assert.Contains("'z'", e.Message);
    }

    [Fact]
    public void Ring_rejects_duplicate_and_empty_member_ids()
    {
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => new Ring(["a", "a"], ["a"])).Message);
        Assert.Contains("non-empty", Assert.Throws<ArgumentException>(() => new Ring(["a", ""], ["a"])).Message);
    }

    [Fact]
    public void Count_moves_counts_partitions_whose_owner_differs()
    {
        var before = new Ring(["a", "b"], ["a", "b", "a", "b"]);
        var after = new Ring(["a", "b", "c"], ["a", "c", "a", "c"]);
        Assert.Equal(2, before.CountMoves(after));
    }
}
