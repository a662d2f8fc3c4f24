using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class LeaderTests
{
    [Fact]
    public void The_leader_is_the_lowest_address_among_up_and_leaving_members()
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Joining), MemberOf(2, MemberStatus.Leaving, 2), MemberOf(3, MemberStatus.Up, 1)]);
        Assert.Equal(Node(2), g.LeaderOf(Node(3)));
    }

    [Fact]
    public void An_unreachable_member_cannot_lead_except_in_its_own_eyes()
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2), MemberOf(3, MemberStatus.Up, 3)],
            reachability: Reachability.Empty.Unreachable(Node(2), Node(1)));
        Assert.Equal(Node(2), g.LeaderOf(Node(2)));
        Assert.Equal(Node(2), g.LeaderOf(Node(3)));
        Assert.Equal(Node(1), g.LeaderOf(Node(1)));
    }

    [Fact]
    public void Down_and_exiting_members_do_not_lead_while_an_up_member_exists()
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Down, 1), MemberOf(2, MemberStatus.Exiting, 2), MemberOf(3, MemberStatus.Up, 3)]);
        Assert.Equal(Node(3), g.LeaderOf(Node(3)));
    }

    [Fact]
    public void In_a_new_cluster_of_joining_members_the_lowest_address_leads_so_it_can_move_them_up()
    {
        var g = GossipOf([MemberOf(3, MemberStatus.Joining), MemberOf(2, MemberStatus.Joining)]);
        Assert.Equal(Node(2), g.LeaderOf(Node(3)));
    }

    [Fact]
    public void Without_up_members_a_joining_member_leads_before_an_exiting_one()
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Exiting, 1), MemberOf(2, MemberStatus.Joining)]);
        Assert.Equal(Node(2), g.LeaderOf(Node(1)));
    }

    [Fact]
    public void An_empty_or_all_down_cluster_has_no_leader()
    {
        Assert.Null(Gossip.Empty.LeaderOf(Node(1)));
        Assert.Null(GossipOf([MemberOf(1, MemberStatus.Down, 1)]).LeaderOf(Node(1)));
    }
}
