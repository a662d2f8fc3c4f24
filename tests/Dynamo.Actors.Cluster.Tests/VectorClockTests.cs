using FsCheck;
using FsCheck.Fluent;

namespace Dynamo.Actors.Cluster.Tests;

public class VectorClockTests
{
    private static readonly Arbitrary<VectorClock> Clocks = Generators.VectorClockArb;

    [Fact]
    public void Merge_is_commutative() =>
        Prop.ForAll(Clocks, Clocks, (a, b) => a.Merge(b).Equals(b.Merge(a))).QuickCheckThrowOnFailure();

    [Fact]
    public void Merge_is_associative() =>
        Prop.ForAll(Clocks, Clocks, Clocks, (a, b, c) => a.Merge(b).Merge(c).Equals(a.Merge(b.Merge(c)))).QuickCheckThrowOnFailure();

    [Fact]
    public void Merge_is_idempotent() =>
        Prop.ForAll(Clocks, a => a.Merge(a).Equals(a)).QuickCheckThrowOnFailure();

    [Fact]
    public void Merge_is_at_or_after_both_inputs() =>
        Prop.ForAll(Clocks, Clocks, (a, b) =>
            a.CompareTo(a.Merge(b)) is VectorClockOrdering.Before or VectorClockOrdering.Same
            && b.CompareTo(a.Merge(b)) is VectorClockOrdering.Before or VectorClockOrdering.Same).QuickCheckThrowOnFailure();

    [Fact]
    public void Compare_is_antisymmetric() =>
        Prop.ForAll(Clocks, Clocks, (a, b) => (a.CompareTo(b), b.CompareTo(a)) switch
        {
            (VectorClockOrdering.Before, VectorClockOrdering.After) => true,
            (VectorClockOrdering.After, VectorClockOrdering.Before) => true,
            (VectorClockOrdering.Same, VectorClockOrdering.Same) => a.Equals(b),
            (VectorClockOrdering.Concurrent, VectorClockOrdering.Concurrent) => !a.Equals(b),
            _ => false,
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Increment_moves_strictly_after() =>
        Prop.ForAll(Clocks, Gen.Elements("a", "b", "z").ToArbitrary(), (a, node) =>
            a.Increment(node).CompareTo(a) == VectorClockOrdering.After && a.Increment(node)[node] == a[node] + 1).QuickCheckThrowOnFailure();

    [Fact]
    public void Before_is_transitive() =>
        Prop.ForAll(Clocks, Clocks, Clocks, (a, b, c) =>
            !(a.IsBefore(b) && b.IsBefore(c)) || a.IsBefore(c)).QuickCheckThrowOnFailure();

    [Fact]
    public void Independent_increments_are_concurrent_and_merge_after_both()
    {
        var root = VectorClock.Empty.Increment("a");
        var left = root.Increment("a");
        var right = root.Increment("b");
        Assert.Equal(VectorClockOrdering.Concurrent, left.CompareTo(right));
        var merged = left.Merge(right);
        Assert.Equal(VectorClockOrdering.After, merged.CompareTo(left));
        Assert.Equal(VectorClockOrdering.After, merged.CompareTo(right));
        Assert.Equal(2, merged["a"]);
        Assert.Equal(1, merged["b"]);
    }

    [Fact]
    public void Prune_removes_one_entry_only()
    {
        var clock = VectorClock.Empty.Increment("a").Increment("b");
        var pruned = clock.Prune("a");
        Assert.Equal(0, pruned["a"]);
        Assert.Equal(1, pruned["b"]);
        Assert.Same(pruned, pruned.Prune("a"));
    }

    [Fact]
    public void Create_refuses_bad_entries()
    {
        Assert.Throws<ArgumentException>(() => VectorClock.Create([KeyValuePair.Create("a", 0L)]));
        Assert.Throws<ArgumentException>(() => VectorClock.Create([KeyValuePair.Create("", 1L)]));
        Assert.Throws<ArgumentException>(() => VectorClock.Create([KeyValuePair.Create("a", 1L), KeyValuePair.Create("a", 2L)]));
    }
}
