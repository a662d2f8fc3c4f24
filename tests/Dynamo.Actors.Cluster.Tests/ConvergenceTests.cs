using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class ConvergenceTests
{
    private static readonly UniqueAddress Self = Node(1);

    private static Gossip ThreeUpSeenByAll(Reachability? reachability = null) =>
        GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2), MemberOf(3, MemberStatus.Up, 3)],
            [Node(1), Node(2), Node(3)], reachability);

    [Fact]
    public void All_up_members_having_seen_the_gossip_is_convergence()
    {
        Assert.True(ThreeUpSeenByAll().Convergence(Self));
    }

    [Fact]
    public void An_up_member_that_has_not_seen_the_gossip_blocks_convergence()
    {
        Assert.False(ThreeUpSeenByAll().OnlySeen(Node(1)).Seen(Node(2)).Convergence(Self));
    }

    [Fact]
    public void A_leaving_member_that_has_not_seen_the_gossip_blocks_convergence()
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Leaving, 2)], [Node(1)]);
        Assert.False(g.Convergence(Self));
        Assert.True(g.Seen(Node(2)).Convergence(Self));
    }

    [Theory]
    [InlineData(MemberStatus.Joining)]
    [InlineData(MemberStatus.Exiting)]
    [InlineData(MemberStatus.Down)]
    public void Members_that_are_not_up_or_leaving_need_not_have_seen_the_gossip(MemberStatus status)
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, status, 2)], [Node(1)]);
        Assert.True(g.Convergence(Self));
    }

    [Theory]
    [InlineData(MemberStatus.Up)]
    [InlineData(MemberStatus.Leaving)]
    [InlineData(MemberStatus.Joining)]
    public void An_unreachable_member_that_is_not_down_or_exiting_blocks_convergence_even_if_it_has_seen(MemberStatus status)
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2), MemberOf(3, status, 3)],
            [Node(1), Node(2), Node(3)], Reachability.Empty.Unreachable(Node(2), Node(3)));
        Assert.False(g.Convergence(Self));
    }

    [Theory]
    [InlineData(MemberStatus.Down)]
    [InlineData(MemberStatus.Exiting)]
    public void An_unreachable_down_or_exiting_member_does_not_block_convergence(MemberStatus status)
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2), MemberOf(3, status, 3)],
            [Node(1), Node(2)], Reachability.Empty.Unreachable(Node(2), Node(3)));
        Assert.True(g.Convergence(Self));
    }

    [Fact]
    public void Observations_made_by_down_members_do_not_count()
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2), MemberOf(3, MemberStatus.Down, 3)],
            [Node(1), Node(2)], Reachability.Empty.Unreachable(Node(3), Node(2)));
        Assert.True(g.Convergence(Self));
    }

    [Fact]
    public void Others_reporting_self_unreachable_does_not_block_self()
    {
        var g = ThreeUpSeenByAll(Reachability.Empty.Unreachable(Node(2), Node(1)));
        Assert.True(g.Convergence(Node(1)));
        Assert.False(g.Convergence(Node(3)));
    }

    [Fact]
    public void Exiting_confirmed_members_count_as_seen_and_do_not_block()
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Leaving, 2)], [Node(1)],
            Reachability.Empty.Unreachable(Node(1), Node(2)));
        Assert.False(g.Convergence(Self));
        Assert.True(g.Convergence(Self, new HashSet<UniqueAddress> { Node(2) }));
    }
}
