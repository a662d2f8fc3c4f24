using Akka.Actor;
using Akka.Cluster;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Membership;

namespace Dynamo.Kv.Tests;

/// <summary>
/// The ring across a node's restart on the same address, and across genuine joins and removals. Akka.Cluster
/// downs the old incarnation when the new one asks to join and moves the new one Up as its youngest member; the
/// claim order goes by node id, so no view along the way moves a partition.
/// </summary>
public sealed class MembershipRingRestartTests
{
    private static readonly Claimant Claimant = new(64);

    private static (Address, MemberStatus) Member(int port, MemberStatus status = MemberStatus.Up) =>
        (new Address("akka.tcp", "dynamo", "127.0.0.1", port), status);

    private static Ring RingOf(IEnumerable<(Address, MemberStatus)> members) =>
        MembershipRing.Compute(Claimant, MembershipRing.RingMembers(members))!;

    [Fact]
    public void Every_view_during_a_restart_gives_the_same_ring()
    {
        // The restarted node is neither the first nor the last id, so a move in the claim order would show.
        var before = RingOf([Member(4001), Member(4002), Member(4003)]);

        (Address, MemberStatus)[][] views =
        [
            // Old incarnation Up but unreachable: reachability is not part of membership.
            [Member(4001), Member(4002), Member(4003)],
            // The new incarnation asks to join: the old one is downed beside it.
            [Member(4001), Member(4002, MemberStatus.Down), Member(4002, MemberStatus.Joining), Member(4003)],
            // The old one is removed while the new one still joins.
            [Member(4001), Member(4002, MemberStatus.Joining), Member(4003)],
            // The new one is Up, the youngest member of the cluster.
            [Member(4001), Member(4003), Member(4002)],
        ];
        foreach (var view in views)
        {
            Assert.Equal(["127.0.0.1:4001", "127.0.0.1:4002", "127.0.0.1:4003"], [.. MembershipRing.RingMembers(view)]);
            Assert.Equal(0, before.CountMoves(RingOf(view)));
        }
    }

    [Fact]
    public void A_node_downed_and_removed_with_no_new_incarnation_leaves_the_ring()
    {
        Assert.Contains("127.0.0.1:4002", MembershipRing.RingMembers([Member(4001), Member(4002, MemberStatus.Down), Member(4003)]));

        var ring = RingOf([Member(4001), Member(4002, MemberStatus.Removed), Member(4003)]);

        Assert.Equal(["127.0.0.1:4001", "127.0.0.1:4003"], [.. ring.Members]);
        Assert.Empty(ring.PartitionsOf("127.0.0.1:4002"));
    }

    [Fact]
    public void A_join_and_a_leave_each_move_about_their_share_of_partitions()
    {
        (Address, MemberStatus)[] three = [Member(4001), Member(4002), Member(4003)];
        var threeRing = RingOf(three);
        var fourRing = RingOf([.. three, Member(4004)]);
        // Q/S = 16 for the joiner; a few more moves may keep N consecutive owners distinct.
        int joinMoves = threeRing.CountMoves(fourRing);
        Assert.InRange(joinMoves, 16, 16 + 64 / 8);
        Assert.Equal(16, fourRing.PartitionsOf("127.0.0.1:4004").Count);

        // The last node leaving gives back the ring of the three: its 16 partitions move, plus the same few.
        var left = RingOf([.. three, Member(4004, MemberStatus.Removed)]);
        int leaveMoves = fourRing.CountMoves(left);
        Assert.InRange(leaveMoves, 16, 16 + 64 / 8);
        Assert.Equal(0, threeRing.CountMoves(left));
    }

    [Fact]
    public void A_restarted_node_is_one_ring_member_at_its_place_while_both_incarnations_are_members()
    {
        Assert.Equal(["127.0.0.1:4001", "127.0.0.1:4002"],
            [.. MembershipRing.RingMembers([Member(4001, MemberStatus.Joining), Member(4002), Member(4001, MemberStatus.Down)])]);
    }
}
