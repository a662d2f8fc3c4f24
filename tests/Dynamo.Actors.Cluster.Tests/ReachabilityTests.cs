using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class ReachabilityTests
{
    private static readonly UniqueAddress A = Node(1), B = Node(2), C = Node(3), D = Node(4);

    [Fact]
    public void A_node_is_unreachable_while_any_observer_says_so()
    {
        var r = Reachability.Empty.Unreachable(A, C).Unreachable(B, C);
        Assert.False(r.IsReachable(C));
        Assert.Equal([C], r.AllUnreachable);
        r = r.Reachable(A, C);
        Assert.False(r.IsReachable(C));
        Assert.True(r.IsReachable(A, C));
        r = r.Reachable(B, C);
        Assert.True(r.IsReachable(C));
        Assert.True(r.IsAllReachable);
    }

    [Fact]
    public void Each_change_bumps_the_observers_version_and_repeats_change_nothing()
    {
        var r = Reachability.Empty.Unreachable(A, B);
        Assert.Equal(1, r.CurrentVersion(A));
        Assert.Same(r, r.Unreachable(A, B));
        r = r.Unreachable(A, C);
        Assert.Equal(2, r.CurrentVersion(A));
        Assert.Equal(0, r.CurrentVersion(B));
    }

    [Fact]
    public void An_observer_whose_rows_are_all_reachable_again_drops_them_but_keeps_its_version()
    {
        var r = Reachability.Empty.Unreachable(A, B).Reachable(A, B);
        Assert.Empty(r.Records);
        Assert.Equal(2, r.CurrentVersion(A));
    }

    [Fact]
    public void Terminated_is_final_and_worse_than_unreachable()
    {
        var r = Reachability.Empty.Unreachable(A, C).Terminated(B, C);
        Assert.Equal(ReachabilityStatus.Terminated, r.Status(C));
        Assert.Same(r, r.Reachable(B, C));
        Assert.Equal([C], r.AllUnreachableOrTerminated);
        Assert.Equal([C], r.AllUnreachable);
        Assert.Empty(Reachability.Empty.Terminated(B, C).AllUnreachable);
    }

    [Fact]
    public void AllUnreachableFrom_lists_only_that_observers_verdicts()
    {
        var r = Reachability.Empty.Unreachable(A, B).Unreachable(A, C).Unreachable(B, D);
        Assert.Equal([B, C], r.AllUnreachableFrom(A));
        Assert.Equal([D], r.AllUnreachableFrom(B));
        Assert.Empty(r.AllUnreachableFrom(C));
    }

    [Fact]
    public void A_node_cannot_observe_itself()
    {
        Assert.Throws<ArgumentException>(() => Reachability.Empty.Unreachable(A, A));
    }

    [Fact]
    public void Merge_keeps_the_newer_rows_of_each_observer()
    {
        var old = Reachability.Empty.Unreachable(A, B);
        var newer = old.Reachable(A, B).Unreachable(A, C);
        var other = Reachability.Empty.Unreachable(D, B);
        var all = new[] { A, B, C, D };

        var merged = old.Merge(all, newer.Merge(all, other));
        var reversed = other.Merge(all, newer).Merge(all, old);

        Assert.True(merged.IsReachable(A, B));
        Assert.False(merged.IsReachable(A, C));
        Assert.False(merged.IsReachable(D, B));
        Assert.Equal(3, merged.CurrentVersion(A));
        Assert.Equal(Describe(merged), Describe(reversed));
    }

    [Fact]
    public void Merge_at_equal_versions_keeps_the_worse_verdict_in_either_order()
    {
        var left = Reachability.Empty.Unreachable(A, B);
        var right = Reachability.Empty.Terminated(A, B);
        var all = new[] { A, B };
        Assert.Equal(ReachabilityStatus.Terminated, left.Merge(all, right).Status(A, B));
        Assert.Equal(ReachabilityStatus.Terminated, right.Merge(all, left).Status(A, B));
    }

    [Fact]
    public void Merge_drops_observers_and_subjects_that_are_not_allowed()
    {
        var r = Reachability.Empty.Unreachable(A, B).Unreachable(A, C).Unreachable(D, B);
        var merged = r.Merge([A, B], Reachability.Empty);
        Assert.Equal([B], merged.AllUnreachable);
        Assert.Equal([A], merged.Versions.Keys);
    }

    [Fact]
    public void Remove_forgets_a_node_as_observer_and_subject()
    {
        var r = Reachability.Empty.Unreachable(A, B).Unreachable(B, C).Unreachable(A, C);
        var removed = r.Remove([B]);
        Assert.DoesNotContain(removed.Records, x => x.Observer.Equals(B) || x.Subject.Equals(B));
        Assert.False(removed.Versions.ContainsKey(B));
        Assert.False(removed.IsReachable(C));
    }

    [Fact]
    public void RemoveObservers_ignores_what_those_observers_said()
    {
        var r = Reachability.Empty.Unreachable(A, C).Unreachable(B, D);
        var without = r.RemoveObservers([A]);
        Assert.True(without.IsReachable(C));
        Assert.False(without.IsReachable(D));
    }

    [Fact]
    public void Create_refuses_a_row_newer_than_its_observers_version()
    {
        Assert.Throws<ArgumentException>(() => Reachability.Create(
            [new ReachabilityRecord(A, B, ReachabilityStatus.Unreachable, 5)], [KeyValuePair.Create(A, 4L)]));
    }
}
