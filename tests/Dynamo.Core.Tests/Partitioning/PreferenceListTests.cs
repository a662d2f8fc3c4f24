using Dynamo.Core.Partitioning;

namespace Dynamo.Core.Tests.Partitioning;

public sealed class PreferenceListTests
{
    private static readonly Ring Ring = new Claimant(64).Stripe(["a", "b", "c", "d", "e"]);

    [Fact]
    public void Primaries_are_the_key_partition_and_the_next_n_minus_one_clockwise_on_distinct_nodes_when_claim_allows()
    {
        for (var p = 0; p < Ring.PartitionCount; p++)
        {
            var list = PreferenceList.ForPartition(Ring, p, 3);
            Assert.Equal([p, (p + 1) % 64, (p + 2) % 64], list.Entries.Select(e => e.Partition).ToArray());
            Assert.Equal(3, list.Entries.Select(e => e.Node).Distinct().Count());
            Assert.All(list.Entries, e => Assert.Equal(Ring.OwnerOf(e.Partition), e.Node));
            Assert.All(list.Entries, e => Assert.False(e.IsFallback));
        }
    }

    [Fact]
    public void Primaries_keep_their_positions_when_an_owner_repeats()
    {
        var ring = new Ring(["a", "b"], ["a", "a", "b", "b"]);
        var list = PreferenceList.ForPartition(ring, 0, 2);
        Assert.Equal([PreferenceListEntry.Primary(0, "a"), PreferenceListEntry.Primary(1, "a")], list.Entries.ToArray());
    }

    [Fact]
    public void A_join_changes_the_owners_of_a_keys_replicas_but_never_which_partitions_they_are()
    {
        var claimant = new Claimant(16);
        var before = claimant.Stripe(["a", "b", "c"]);
        var after = claimant.Claim(before, ["a", "b", "c", "d"]);
        for (var p = 0; p < 16; p++)
        {
            var old = PreferenceList.ForPartition(before, p, 3).Entries.Select(e => e.Partition);
            var next = PreferenceList.ForPartition(after, p, 3).Entries.Select(e => e.Partition);
            Assert.Equal(old, next);
        }
        // Three nodes cannot give every window of three distinct owners when three does not divide Q.
        Assert.NotEmpty(before.WindowsWithRepeatedOwner(3));
        Assert.Empty(after.WindowsWithRepeatedOwner(3));
    }

    [Fact]
    public void With_fewer_members_than_n_the_list_is_shorter()
    {
        var ring = new Claimant(8).Stripe(["a", "b"]);
        Assert.Equal(2, PreferenceList.ForPartition(ring, 5, 3).Entries.Length);

        // Members without partitions cannot serve either.
        var sparse = new Claimant(2).Stripe(["a", "b", "c", "d", "e"]);
        Assert.Equal(2, PreferenceList.ForPartition(sparse, 1, 3).Entries.Length);
    }

    [Fact]
    public void Sloppy_list_equals_primaries_when_all_are_reachable()
    {
        var primaries = PreferenceList.ForPartition(Ring, 7, 3);
        var sloppy = PreferenceList.Sloppy(Ring, 7, 3, _ => true);
        Assert.Equal(primaries.Entries.ToArray(), sloppy.Entries.ToArray());
    }

    [Fact]
    public void Unreachable_primary_is_replaced_by_the_next_healthy_node_marked_with_its_hint_target()
    {
        var primaries = PreferenceList.ForPartition(Ring, 10, 3).Entries;
        var down = primaries[1];
        var sloppy = PreferenceList.Sloppy(Ring, 10, 3, n => n != down.Node);

        Assert.Equal(3, sloppy.Entries.Length);
        Assert.Equal([primaries[0], primaries[2]], sloppy.Primaries);
        var fallback = Assert.Single(sloppy.Fallbacks);
        Assert.Equal(down.Node, fallback.StandsInFor);
        Assert.Equal(down.Partition, fallback.Partition);
        Assert.DoesNotContain(fallback.Node, primaries.Select(e => e.Node));

        // The stand-in is the first node met after the primaries that is up and new to the list.
        var expected = Enumerable.Range(primaries[^1].Partition + 1, Ring.PartitionCount)
            .Select(p => Ring.OwnerOf(p % Ring.PartitionCount))
            .First(n => n != down.Node && !primaries.Any(e => e.Node == n));
        Assert.Equal(expected, fallback.Node);
    }

    [Fact]
    public void Fallbacks_are_distinct_and_the_list_shrinks_when_too_few_nodes_are_up()
    {
        var up = new HashSet<string> { "a", "b" };
        var sloppy = PreferenceList.Sloppy(Ring, 3, 3, up.Contains);
        Assert.Equal(2, sloppy.Entries.Length);
        Assert.Equal(2, sloppy.Entries.Select(e => e.Node).Distinct().Count());
        Assert.All(sloppy.Fallbacks, f => Assert.DoesNotContain(f.StandsInFor!, up));
        Assert.Empty(PreferenceList.Sloppy(Ring, 3, 3, _ => false).Entries);
    }
}
