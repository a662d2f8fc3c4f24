using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class MemberTests
{
    public static TheoryData<MemberStatus, MemberStatus> AkkaAllowedMoves => new()
    {
        { MemberStatus.Joining, MemberStatus.Up },
        { MemberStatus.Joining, MemberStatus.Leaving },
        { MemberStatus.Joining, MemberStatus.Down },
        { MemberStatus.Joining, MemberStatus.Removed },
        { MemberStatus.Up, MemberStatus.Leaving },
        { MemberStatus.Up, MemberStatus.Down },
        { MemberStatus.Up, MemberStatus.Removed },
        { MemberStatus.Leaving, MemberStatus.Exiting },
        { MemberStatus.Leaving, MemberStatus.Down },
        { MemberStatus.Leaving, MemberStatus.Removed },
        { MemberStatus.Exiting, MemberStatus.Removed },
        { MemberStatus.Exiting, MemberStatus.Down },
        { MemberStatus.Down, MemberStatus.Removed },
    };

    [Theory]
    [MemberData(nameof(AkkaAllowedMoves))]
    public void Allowed_moves_change_the_status(MemberStatus from, MemberStatus to)
    {
        var member = MemberOf(1, from, 1);
        var moved = member.WithStatus(to);
        Assert.Equal(to, moved.Status);
        Assert.Equal(member.UniqueAddress, moved.UniqueAddress);
        Assert.Equal(1, moved.UpNumber);
    }

    [Fact]
    public void Every_move_not_in_Akkas_table_throws_naming_both_statuses()
    {
        var allowed = AkkaAllowedMoves.Select(row => ((MemberStatus)row[0], (MemberStatus)row[1])).ToHashSet();
        int refused = 0;
        foreach (var from in Enum.GetValues<MemberStatus>())
        foreach (var to in Enum.GetValues<MemberStatus>())
        {
            if (from == to || allowed.Contains((from, to))) continue;
            var member = MemberOf(1, from, 1);
            var e = Assert.Throws<InvalidOperationException>(() => member.WithStatus(to));
            Assert.Contains(from.ToString(), e.Message);
            Assert.Contains(to.ToString(), e.Message);
            Assert.False(Member.IsAllowedTransition(from, to));
            refused++;
        }
        Assert.Equal(6 * 5 - allowed.Count, refused);
    }

    [Fact]
    public void Moving_to_the_same_status_returns_the_same_member()
    {
        var member = MemberOf(1, MemberStatus.Up, 1);
        Assert.Same(member, member.WithStatus(MemberStatus.Up));
    }

    [Fact]
    public void A_new_member_is_joining_and_youngest()
    {
        var member = Member.Create(Node(1), ["b", "a"]);
        Assert.Equal(MemberStatus.Joining, member.Status);
        Assert.Equal(Member.NotUpYet, member.UpNumber);
        Assert.Equal(["a", "b"], member.Roles);
        Assert.True(member.HasRole("a"));
    }

    [Fact]
    public void WithUp_sets_the_up_number_and_refuses_a_member_that_is_not_joining()
    {
        var up = Member.Create(Node(1)).WithUp(7);
        Assert.Equal(MemberStatus.Up, up.Status);
        Assert.Equal(7, up.UpNumber);
        Assert.Throws<InvalidOperationException>(() => MemberOf(1, MemberStatus.Leaving, 1).WithUp(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Member.Create(Node(1)).WithUp(0));
    }

    [Fact]
    public void Empty_role_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Member.Create(Node(1), [" "]));
    }

    [Fact]
    public void Lower_up_number_is_older_and_address_breaks_ties()
    {
        Assert.True(MemberOf(2, MemberStatus.Up, 1).IsOlderThan(MemberOf(1, MemberStatus.Up, 2)));
        Assert.True(MemberOf(1, MemberStatus.Up, 3).IsOlderThan(MemberOf(2, MemberStatus.Up, 3)));
        Assert.False(MemberOf(2, MemberStatus.Up, 3).IsOlderThan(MemberOf(1, MemberStatus.Up, 3)));
    }

    [Fact]
    public void Merge_keeps_the_status_furthest_along_whatever_the_order()
    {
        var order = new[] { MemberStatus.Joining, MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Exiting, MemberStatus.Down, MemberStatus.Removed };
        for (int i = 0; i < order.Length; i++)
        for (int j = 0; j < order.Length; j++)
        {
            var a = MemberOf(1, order[i], 1);
            var b = MemberOf(1, order[j], 1);
            Assert.Equal(order[Math.Max(i, j)], Member.HighestPriorityOf(a, b).Status);
            Assert.Equal(order[Math.Max(i, j)], Member.HighestPriorityOf(b, a).Status);
        }
    }

    [Fact]
    public void Merge_of_the_same_status_keeps_the_older_view()
    {
        var older = MemberOf(1, MemberStatus.Up, 1);
        var younger = MemberOf(1, MemberStatus.Up, 4);
        Assert.Equal(1, Member.HighestPriorityOf(younger, older).UpNumber);
        Assert.Equal(1, Member.HighestPriorityOf(older, younger).UpNumber);
    }

    [Fact]
    public void Merge_refuses_two_different_incarnations()
    {
        Assert.Throws<ArgumentException>(() => Member.HighestPriorityOf(MemberOf(Node(1, 1), MemberStatus.Up, 1), MemberOf(Node(1, 2), MemberStatus.Up, 1)));
    }

    [Fact]
    public void Members_are_equal_by_incarnation_and_ordered_by_address_then_uid()
    {
        Assert.Equal(MemberOf(1, MemberStatus.Up, 1), MemberOf(1, MemberStatus.Down, 1));
        Assert.NotEqual(MemberOf(Node(1, 1), MemberStatus.Up, 1), MemberOf(Node(1, 2), MemberStatus.Up, 1));
        var sorted = new[] { MemberOf(Node(2, 1), MemberStatus.Up, 1), MemberOf(Node(1, 9), MemberStatus.Up, 1), MemberOf(Node(1, 3), MemberStatus.Up, 1) }.Order().ToList();
        Assert.Equal([Node(1, 3), Node(1, 9), Node(2, 1)], sorted.Select(m => m.UniqueAddress));
    }
}
