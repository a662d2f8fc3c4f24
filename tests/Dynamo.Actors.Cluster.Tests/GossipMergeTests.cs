using FsCheck;
using FsCheck.Fluent;
using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class GossipMergeTests
{
    private static readonly Arbitrary<Gossip> Gossips = Generators.GossipArb;

    // Everything merge is responsible for; the seen set is reset by design.
    private static string Merged(Gossip g) =>
        Describe(g.Members) + " || " + Describe(g.Reachability) + " || " + g.Version + " || "
        + string.Join(",", g.Tombstones.Select(kv => $"{kv.Key}@{kv.Value}"));

    [Fact]
    public void Merge_is_commutative() =>
        Prop.ForAll(Gossips, Gossips, (a, b) => Merged(a.Merge(b)) == Merged(b.Merge(a))).QuickCheckThrowOnFailure();

    [Fact]
    public void Merge_is_associative() =>
        Prop.ForAll(Gossips, Gossips, Gossips, (a, b, c) => Merged(a.Merge(b).Merge(c)) == Merged(a.Merge(b.Merge(c)))).QuickCheckThrowOnFailure();

    [Fact]
    public void Merge_is_idempotent() =>
        Prop.ForAll(Gossips, a => Merged(a.Merge(a)) == Merged(a)).QuickCheckThrowOnFailure();

    [Fact]
    public void Merged_version_is_at_or_after_both_untombstoned_versions() =>
        Prop.ForAll(Gossips, Gossips, (a, b) =>
        {
            var merged = a.Merge(b);
            return merged.Version.Versions.All(kv => kv.Value == Math.Max(a.Version[kv.Key], b.Version[kv.Key]))
                && a.Version.Versions.Keys.Concat(b.Version.Versions.Keys)
                    .All(k => merged.Version[k] > 0 || merged.Tombstones.Keys.Any(t => t.VectorClockName == k));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Merge_never_keeps_a_tombstoned_member_and_nobody_has_seen_the_result() =>
        Prop.ForAll(Gossips, Gossips, (a, b) =>
        {
            var merged = a.Merge(b);
            return merged.SeenBy.IsEmpty && merged.Members.All(m => !merged.Tombstones.ContainsKey(m.UniqueAddress));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Merge_keeps_the_status_furthest_along()
    {
        var a = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2)]);
        var b = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Leaving, 2), MemberOf(3, MemberStatus.Joining)]);
        var merged = a.Merge(b);
        Assert.Equal(MemberStatus.Leaving, merged.GetMember(Node(2)).Status);
        Assert.Equal(MemberStatus.Joining, merged.GetMember(Node(3)).Status);
        Assert.Equal(3, merged.Members.Count);
    }

    [Fact]
    public void A_tombstone_stops_an_older_view_from_bringing_a_removed_member_back()
    {
        var withThree = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2), MemberOf(3, MemberStatus.Exiting, 3)]);
        var removed = withThree.Remove(Node(3), removedAtMillis: 100);
        var merged = withThree.Merge(removed);
        Assert.False(merged.HasMember(Node(3)));
        Assert.Equal(100, merged.Tombstones[Node(3)]);
    }

    [Fact]
    public void Merge_drops_the_version_entries_of_tombstoned_nodes_so_clocks_do_not_grow_forever()
    {
        var stillThere = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(3, MemberStatus.Exiting, 3)]).Increment(Node(3));
        var removed = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(3, MemberStatus.Exiting, 3)]).Remove(Node(3), 5).Increment(Node(1));
        Assert.Equal(1, stillThere.Version[Node(3).VectorClockName]);
        Assert.Equal(0, stillThere.Merge(removed).Version[Node(3).VectorClockName]);
        Assert.Equal(0, removed.Merge(stillThere).Version[Node(3).VectorClockName]);
    }

    [Fact]
    public void Remove_takes_the_node_out_of_members_seen_reachability_and_version()
    {
        var reachability = Reachability.Empty.Unreachable(Node(1), Node(3)).Unreachable(Node(3), Node(2));
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2), MemberOf(3, MemberStatus.Down, 3)], [Node(1), Node(3)], reachability)
            .Increment(Node(3));
        var removed = g.Remove(Node(3), 7);
        Assert.False(removed.HasMember(Node(3)));
        Assert.Equal([Node(1)], removed.SeenBy);
        Assert.Empty(removed.Reachability.Records);
        Assert.Equal(0, removed.Version[Node(3).VectorClockName]);
        Assert.Equal(7, removed.Tombstones[Node(3)]);
    }

    [Fact]
    public void Seen_tracks_members_only()
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2)]);
        var seen = g.Seen(Node(1)).Seen(Node(2));
        Assert.True(seen.SeenByNode(Node(1)));
        Assert.Equal([Node(1), Node(2)], seen.SeenBy);
        Assert.Equal([Node(2)], seen.OnlySeen(Node(2)).SeenBy);
        Assert.Empty(seen.ClearSeen().SeenBy);
        Assert.Equal([Node(1), Node(2)], g.Seen(Node(1)).MergeSeen(g.Seen(Node(2))).SeenBy);
        Assert.Throws<ArgumentException>(() => g.Seen(Node(9)));
    }

    [Fact]
    public void Prune_drops_a_version_entry_and_old_tombstones_expire()
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1)]).Increment(Node(2));
        Assert.Equal(0, g.Prune(Node(2).VectorClockName).Version[Node(2).VectorClockName]);
        var t = g.Remove(Node(1), 10).PruneTombstones(5);
        Assert.True(t.Tombstones.ContainsKey(Node(1)));
        Assert.False(t.PruneTombstones(11).Tombstones.ContainsKey(Node(1)));
    }

    [Fact]
    public void Invariants_are_checked_with_the_member_named()
    {
        var e = Assert.Throws<ArgumentException>(() => GossipOf([MemberOf(1, MemberStatus.Removed, 1)]));
        Assert.Contains(Node(1).ToString(), e.Message);
        Assert.Throws<ArgumentException>(() => GossipOf([MemberOf(1, MemberStatus.Up, 1)], seen: [Node(2)]));
    }
}
