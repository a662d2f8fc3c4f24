using Dynamo.Actors;
using Dynamo.Actors.Cluster;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Membership;

namespace Dynamo.Kv.Tests;

/// <summary>The ring across a node's restart on the same address, and across genuine joins and removals.</summary>
public sealed class MembershipRingRestartTests
{
    private static readonly Claimant Claimant = new(64);

    private static UniqueAddress Incarnation(int port, long uid) =>
        new(new Address(Address.TcpProtocol, "dynamo", "127.0.0.1", port), uid);

    private static Member Up(int port, long uid, int upNumber) => Member.Create(Incarnation(port, uid)).WithUp(upNumber);

    private static Ring RingOf(IEnumerable<Member> members) =>
        MembershipRing.Compute(Claimant, MembershipRing.RingMembers(members))!;

    [Fact]
    public void Every_step_of_a_restart_built_by_hand_gives_the_same_ring()
    {
        // The restarted node is neither the oldest nor the youngest, so a move to the end of the claim order would show.
        var oldest = Up(4001, 1, 1);
        var restarting = Up(4002, 1, 2);
        var youngest = Up(4003, 1, 3);
        var before = RingOf([oldest, restarting, youngest]);

        Member[][] steps =
        [
            // Old incarnation Up but unreachable: reachability is not part of membership.
            [oldest, restarting, youngest],
            // Old one Down beside the new one Joining.
            [oldest, restarting.WithStatus(MemberStatus.Down), Member.Create(Incarnation(4002, 2)), youngest],
            // Old one removed as the new one moves Up with its up-number.
            [oldest, Member.Create(Incarnation(4002, 2)).WithUp(2), youngest],
        ];
        foreach (var step in steps)
        {
            Assert.Equal(["127.0.0.1:4001", "127.0.0.1:4002", "127.0.0.1:4003"], [.. MembershipRing.RingMembers(step)]);
            Assert.Equal(0, before.CountMoves(RingOf(step)));
        }
    }

    [Fact]
    public void Every_view_the_cluster_produces_during_a_restart_gives_the_same_ring()
    {
        // The membership moves themselves, as every node's cluster daemon applies them.
        var seed = MembershipState.Initial(Incarnation(4001, 1)).Join(Incarnation(4001, 1)).State;
        seed = seed.Join(Incarnation(4002, 1)).State.Join(Incarnation(4003, 1)).State;
        seed = seed.LeaderActions(0).State;
        Assert.All(seed.Members, m => Assert.Equal(MemberStatus.Up, m.Status));
        var before = RingOf(seed.Members);
        var views = new List<MembershipState> { seed };

        seed = seed.MarkUnreachable(Incarnation(4001, 1), Incarnation(4002, 1));
        views.Add(seed);
        seed = seed.Join(Incarnation(4002, 2)).State;
        views.Add(seed);
        // Node 4003 saw the change (it only has to have seen it for the leader to act).
        seed = new MembershipState(seed.SelfUniqueAddress, seed.LatestGossip.Seen(Incarnation(4003, 1)));
        var acted = seed.LeaderActions(1000);
        Assert.NotEmpty(acted.Changes);
        views.Add(acted.State);

        Assert.Equal(MemberStatus.Up, acted.State.LatestGossip.GetMember(Incarnation(4002, 2)).Status);
        Assert.False(acted.State.LatestGossip.HasMember(Incarnation(4002, 1)));
        Assert.All(views, v => Assert.Equal(0, before.CountMoves(RingOf(v.Members))));
    }

    [Fact]
    public void A_node_downed_and_removed_with_no_new_incarnation_leaves_the_ring()
    {
        var three = new[] { Up(4001, 1, 1), Up(4002, 1, 2), Up(4003, 1, 3) };
        var seed = new MembershipState(Incarnation(4001, 1), Gossip.Create(three));
        seed = seed.MarkUnreachable(Incarnation(4001, 1), Incarnation(4002, 1)).Down(three[1].Address);
        Assert.Contains("127.0.0.1:4002", MembershipRing.RingMembers(seed.Members));

        seed = new MembershipState(seed.SelfUniqueAddress, seed.LatestGossip.Seen(Incarnation(4003, 1)));
        var removed = seed.LeaderActions(1000).State;
        Assert.False(removed.LatestGossip.HasMember(Incarnation(4002, 1)));
        var ring = RingOf(removed.Members);
        Assert.Equal(["127.0.0.1:4001", "127.0.0.1:4003"], [.. ring.Members]);
        Assert.Empty(ring.PartitionsOf("127.0.0.1:4002"));
    }

    [Fact]
    public void A_join_and_a_leave_each_move_about_their_share_of_partitions()
    {
        Member[] three = [Up(4001, 1, 1), Up(4002, 1, 2), Up(4003, 1, 3)];
        Member[] four = [.. three, Up(4004, 1, 4)];
        var threeRing = RingOf(three);
        var fourRing = RingOf(four);
        // Q/S = 16 for the joiner; a few more moves may keep N consecutive owners distinct.
        int joinMoves = threeRing.CountMoves(fourRing);
        Assert.InRange(joinMoves, 16, 16 + 64 / 8);
        Assert.Equal(16, fourRing.PartitionsOf("127.0.0.1:4004").Count);

        // The last node leaving gives back the ring of the three: its 16 partitions move, plus the same few.
        var left = RingOf([.. three, Up(4004, 1, 4).WithStatus(MemberStatus.Leaving).WithStatus(MemberStatus.Exiting).WithStatus(MemberStatus.Removed)]);
        int leaveMoves = fourRing.CountMoves(left);
        Assert.InRange(leaveMoves, 16, 16 + 64 / 8);
    }

    [Fact]
    public void A_restarted_node_claims_at_its_older_incarnations_place_while_both_are_members()
    {
        var downed = Up(4001, 1, 1).WithStatus(MemberStatus.Down);
        var successor = Member.Create(Incarnation(4001, 2)).WithUp(3);
        Assert.Equal(["127.0.0.1:4001", "127.0.0.1:4002"], [.. MembershipRing.RingMembers([successor, Up(4002, 1, 2), downed])]);
    }
}
