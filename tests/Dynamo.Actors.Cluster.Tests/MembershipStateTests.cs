using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class MembershipStateTests
{
    private static MembershipState Receive(MembershipState to, MembershipState from) =>
        to.ReceiveGossip(from.LatestGossip, from.SelfUniqueAddress).State;

    /// <summary>A first seed (node 1) that joined itself and was moved to Up.</summary>
    private static MembershipState StartedSeed()
    {
        var seed = MembershipState.Initial(Node(1)).Join(Node(1)).State;
        return seed.LeaderActions(0).State;
    }

    /// <summary>Node <paramref name="i"/> joined through <paramref name="seed"/> and welcomed.</summary>
    private static (MembershipState Seed, MembershipState Joiner) JoinThrough(MembershipState seed, int i)
    {
        var joined = seed.Join(Node(i));
        Assert.Equal(JoinOutcome.Added, joined.Outcome);
        return (joined.State, MembershipState.Initial(Node(i)).Welcome(joined.State.LatestGossip, seed.SelfUniqueAddress));
    }

    [Fact]
    public void The_first_seed_joins_itself_and_moves_itself_up()
    {
        var joined = MembershipState.Initial(Node(1)).Join(Node(1));
        Assert.Equal(JoinOutcome.Added, joined.Outcome);
        Assert.Equal(MemberStatus.Joining, joined.State.SelfMember!.Status);
        Assert.True(joined.State.IsLeader);
        Assert.True(joined.State.Convergence());

        var acted = joined.State.LeaderActions(0);
        var change = Assert.Single(acted.Changes);
        Assert.Equal(MemberStatus.Joining, change.Previous.Status);
        Assert.Equal(MemberStatus.Up, change.Current.Status);
        Assert.Equal(1, acted.State.SelfMember!.UpNumber);
        Assert.Equal(VectorClockOrdering.After, acted.State.LatestGossip.Version.CompareTo(joined.State.LatestGossip.Version));
    }

    [Fact]
    public void A_node_that_is_not_a_member_cannot_accept_joins()
    {
        Assert.Throws<InvalidOperationException>(() => MembershipState.Initial(Node(1)).Join(Node(2)));
    }

    [Fact]
    public void Join_then_convergence_moves_the_joiner_up_with_the_next_up_number()
    {
        var (seed, joiner) = JoinThrough(StartedSeed(), 2);
        Assert.Equal([Node(1)], seed.LatestGossip.SeenBy);
        Assert.Equal(MemberStatus.Joining, joiner.SelfMember!.Status);

        seed = Receive(seed, joiner);
        Assert.True(seed.Convergence());
        var acted = seed.LeaderActions(1000);
        var change = Assert.Single(acted.Changes);
        Assert.Equal(Node(2), change.Current.UniqueAddress);
        Assert.Equal(2, change.Current.UpNumber);

        joiner = Receive(joiner, acted.State);
        Assert.Equal(MemberStatus.Up, joiner.SelfMember!.Status);
    }

    [Fact]
    public void Joining_members_wait_until_min_nr_of_members_have_joined()
    {
        var seed = MembershipState.Initial(Node(1)).Join(Node(1)).State;
        Assert.Empty(seed.LeaderActions(0, minNrOfMembers: 2).Changes);
        var (withTwo, joiner) = JoinThrough(seed, 2);
        withTwo = Receive(withTwo, joiner);
        var acted = withTwo.LeaderActions(0, minNrOfMembers: 2);
        Assert.Equal([1, 2], acted.Changes.Select(c => c.Current.UpNumber));
    }

    [Fact]
    public void A_retried_join_of_the_same_incarnation_changes_nothing()
    {
        var (seed, _) = JoinThrough(StartedSeed(), 2);
        var again = seed.Join(Node(2));
        Assert.Equal(JoinOutcome.AlreadyMember, again.Outcome);
        Assert.Same(seed, again.State);
    }

    [Fact]
    public void A_new_incarnation_joins_beside_its_downed_predecessor_and_takes_its_up_number_as_the_leader_removes_it()
    {
        var (seed, _) = JoinThrough(StartedSeed(), 2);
        (seed, var third) = JoinThrough(seed, 3);
        seed = seed.LeaderActions(0).State;
        Assert.Equal(2, seed.LatestGossip.GetMember(Node(2, 1)).UpNumber);
        Assert.Equal(3, seed.LatestGossip.GetMember(Node(3)).UpNumber);

        var restarted = seed.Join(Node(2, uid: 2));
        Assert.Equal(JoinOutcome.PreviousIncarnationDowned, restarted.Outcome);
        seed = restarted.State;
        Assert.Equal(MemberStatus.Down, seed.LatestGossip.GetMember(Node(2, 1)).Status);
        Assert.Equal(ReachabilityStatus.Terminated, seed.LatestGossip.Reachability.Status(Node(2, 1)));
        Assert.Equal(MemberStatus.Joining, seed.LatestGossip.GetMember(Node(2, 2)).Status);

        // Node 3 has to see the change before the leader may act.
        seed = Receive(seed, Receive(third, seed));
        var acted = seed.LeaderActions(5000);
        Assert.Equal(2, acted.Changes.Length);
        var up = Assert.Single(acted.Changes, c => c.Current.Status == MemberStatus.Up);
        Assert.Equal(Node(2, 2), up.Current.UniqueAddress);
        Assert.Equal(2, up.Current.UpNumber);
        Assert.Single(acted.Changes, c => c.Current.Status == MemberStatus.Removed && c.Current.UniqueAddress.Equals(Node(2, 1)));
        Assert.Equal(5000, acted.State.LatestGossip.Tombstones[Node(2, 1)]);
        Assert.Equal(JoinOutcome.RejectedRemovedIncarnation, acted.State.Join(Node(2, uid: 1)).Outcome);
    }

    [Fact]
    public void A_downed_predecessor_stays_while_its_successor_cannot_move_up()
    {
        var (seed, joiner) = JoinThrough(StartedSeed(), 2);
        seed = Receive(seed, joiner).LeaderActions(0).State;
        seed = seed.Join(Node(2, uid: 2)).State;

        var acted = seed.LeaderActions(5000, minNrOfMembers: 4);
        Assert.Empty(acted.Changes);
        Assert.Equal(MemberStatus.Down, acted.State.LatestGossip.GetMember(Node(2, 1)).Status);
    }

    [Fact]
    public void Leave_goes_to_exiting_on_convergence_and_removed_once_the_leaver_has_seen_it()
    {
        var (seed, two) = JoinThrough(StartedSeed(), 2);
        seed = Receive(seed, two).LeaderActions(0).State;
        two = Receive(two, seed);
        seed = Receive(seed, two);

        two = two.Leave(Node(2).Address);
        Assert.Equal(MemberStatus.Leaving, two.SelfMember!.Status);
        seed = Receive(seed, two);
        Assert.True(seed.Convergence());

        var exiting = seed.LeaderActions(1000);
        Assert.Equal(MemberStatus.Exiting, Assert.Single(exiting.Changes).Current.Status);
        seed = exiting.State;
        Assert.Empty(seed.LeaderActions(2000).Changes);

        two = Receive(two, seed);
        Assert.Equal(MemberStatus.Exiting, two.SelfMember!.Status);
        seed = Receive(seed, two);
        var removed = seed.LeaderActions(3000);
        var change = Assert.Single(removed.Changes);
        Assert.Equal(MemberStatus.Exiting, change.Previous.Status);
        Assert.Equal(MemberStatus.Removed, change.Current.Status);
        Assert.False(removed.State.LatestGossip.HasMember(Node(2)));
        Assert.Equal(GossipOutcome.Ignored, two.ReceiveGossip(removed.State.LatestGossip, Node(1)).Outcome);
    }

    [Fact]
    public void An_unreachable_member_blocks_the_leader_until_downed_then_is_removed()
    {
        var (seed, two) = JoinThrough(StartedSeed(), 2);
        seed = Receive(seed, two).LeaderActions(0).State;
        var (seed3, three) = JoinThrough(seed, 3);
        seed = seed3;
        two = Receive(two, seed);
        seed = Receive(Receive(seed, two), three);
        seed = seed.LeaderActions(0).State;
        Assert.All(seed.Members, m => Assert.Equal(MemberStatus.Up, m.Status));

        seed = seed.MarkUnreachable(Node(1), Node(3));
        two = Receive(two, seed);
        seed = Receive(seed, two);
        var (joinedFour, _) = JoinThrough(seed, 4);
        Assert.False(joinedFour.Convergence());
        Assert.Empty(joinedFour.LeaderActions(0).Changes);

        seed = seed.Down(Node(3).Address);
        Assert.Equal(MemberStatus.Down, seed.LatestGossip.GetMember(Node(3)).Status);
        two = Receive(two, seed);
        seed = Receive(seed, two);
        Assert.True(seed.Convergence());
        var acted = seed.LeaderActions(9000);
        Assert.Equal(MemberStatus.Removed, Assert.Single(acted.Changes).Current.Status);
        Assert.False(acted.State.LatestGossip.HasMember(Node(3)));
        Assert.True(acted.State.LatestGossip.Reachability.IsAllReachable);
    }

    [Fact]
    public void A_reachable_downed_member_is_removed_only_once_it_has_seen_that_it_is_down()
    {
        var (seed, two) = JoinThrough(StartedSeed(), 2);
        seed = Receive(seed, two).LeaderActions(0).State;
        two = Receive(two, seed);
        seed = Receive(seed, two);

        seed = seed.Down(AddressOf(2));
        Assert.DoesNotContain(Node(2), seed.LatestGossip.SeenBy);
        Assert.Empty(seed.LeaderActions(0).Changes);

        two = Receive(two, seed);
        Assert.Equal(MemberStatus.Down, two.SelfMember!.Status);
        seed = Receive(seed, two);
        var acted = seed.LeaderActions(0);
        Assert.Equal(MemberStatus.Down, Assert.Single(acted.Changes).Previous.Status);
        Assert.False(acted.State.LatestGossip.HasMember(Node(2)));
    }

    [Fact]
    public void Leave_and_down_refuse_an_address_that_is_not_a_member_and_are_idempotent()
    {
        var seed = StartedSeed();
        Assert.Contains("not a member", Assert.Throws<ArgumentException>(() => seed.Leave(AddressOf(7))).Message);
        Assert.Throws<ArgumentException>(() => seed.Down(AddressOf(7)));
        var (withTwo, _) = JoinThrough(seed, 2);
        var down = withTwo.Down(AddressOf(2));
        Assert.Same(down, down.Down(AddressOf(2)));
        Assert.Same(down, down.Leave(AddressOf(2)));
    }

    [Fact]
    public void Reachability_changes_need_members_and_bump_the_version()
    {
        var (seed, _) = JoinThrough(StartedSeed(), 2);
        var marked = seed.MarkUnreachable(Node(1), Node(2));
        Assert.Equal(VectorClockOrdering.After, marked.LatestGossip.Version.CompareTo(seed.LatestGossip.Version));
        Assert.Empty(marked.GossipTargets);
        var back = marked.MarkReachable(Node(1), Node(2));
        Assert.True(back.LatestGossip.Reachability.IsReachable(Node(2)));
        Assert.Equal([Node(2)], back.GossipTargets.ToArray());
        Assert.Throws<ArgumentException>(() => seed.MarkUnreachable(Node(1), Node(9)));
    }

    [Fact]
    public void Received_gossip_is_classified_by_version()
    {
        var (seed, two) = JoinThrough(StartedSeed(), 2);

        var same = seed.ReceiveGossip(two.LatestGossip, Node(2));
        Assert.Equal(GossipOutcome.Same, same.Outcome);
        Assert.Equal([Node(1), Node(2)], same.State.LatestGossip.SeenBy);

        var newer = seed.Leave(AddressOf(1));
        var fromNewer = two.ReceiveGossip(newer.LatestGossip, Node(1));
        Assert.Equal(GossipOutcome.Newer, fromNewer.Outcome);
        Assert.True(fromNewer.State.LatestGossip.SeenByNode(Node(2)));

        var older = newer.ReceiveGossip(two.LatestGossip, Node(2));
        Assert.Equal(GossipOutcome.Older, older.Outcome);
        Assert.True(older.Talkback);

        var concurrent = two.Leave(AddressOf(2));
        var merged = newer.ReceiveGossip(concurrent.LatestGossip, Node(2));
        Assert.Equal(GossipOutcome.Merge, merged.Outcome);
        Assert.All(merged.State.Members, m => Assert.Equal(MemberStatus.Leaving, m.Status));
        Assert.Equal([Node(1)], merged.State.LatestGossip.SeenBy);
    }

    [Fact]
    public void Gossip_from_strangers_or_unreachable_nodes_or_without_self_is_ignored_with_a_reason()
    {
        var (seed, two) = JoinThrough(StartedSeed(), 2);
        var stranger = seed.ReceiveGossip(two.LatestGossip, Node(9));
        Assert.Equal(GossipOutcome.Ignored, stranger.Outcome);
        Assert.Contains("not a member", stranger.IgnoredReason);
        Assert.Same(seed, stranger.State);

        var unreachable = seed.MarkUnreachable(Node(1), Node(2)).ReceiveGossip(two.LatestGossip, Node(2));
        Assert.Equal(GossipOutcome.Ignored, unreachable.Outcome);

        var notYetJoined = MembershipState.Initial(Node(3)).ReceiveGossip(seed.LatestGossip, Node(1));
        Assert.Equal(GossipOutcome.Ignored, notYetJoined.Outcome);
    }

    [Fact]
    public void Welcome_must_list_the_joiner()
    {
        var seed = StartedSeed();
        Assert.Throws<ArgumentException>(() => MembershipState.Initial(Node(2)).Welcome(seed.LatestGossip, Node(1)));
    }

    [Fact]
    public void Only_the_leader_acts_and_only_on_convergence()
    {
        var (seed, two) = JoinThrough(StartedSeed(), 2);
        Assert.False(two.IsLeader);
        Assert.Empty(two.LeaderActions(0).Changes);

        // Node 2 is Up but has not seen the view that adds node 3: no convergence, so node 3 stays Joining.
        seed = Receive(seed, two).LeaderActions(0).State;
        var (withThree, _) = JoinThrough(seed, 3);
        Assert.True(withThree.IsLeader);
        Assert.False(withThree.Convergence());
        var acted = withThree.LeaderActions(0);
        Assert.Same(withThree, acted.State);
        Assert.Empty(acted.Changes);
    }
}
