using System.Collections.Immutable;
using Dynamo.Actors.Cluster;
using Dynamo.Core.Partitioning;

namespace Dynamo.Kv.Membership;

/// <summary>
/// The ring a cluster's membership implies, the same on every node that sees the same members.
/// </summary>
/// <remarks>
/// The ring is about node ids (host:port), not incarnations: a node id is a ring member while one of
/// its incarnations reached Up and is not removed yet — Up, Leaving and Exiting ones, and Down ones
/// until the leader removes them. Unreachable members stay — unreachability is temporary and the
/// quorums cover it. Joining members wait until the leader moves them Up.
/// <para>
/// Nodes see membership changes at different moments and may miss intermediate views, so the ring
/// cannot build on whatever ring a node held before. Instead it is replayed from scratch: node ids in
/// the order the leader moved them Up (the lowest up-number among their incarnations, then node id),
/// each added with <see cref="Claimant.Claim"/> to the ring of those before it. A joiner therefore
/// takes about Q/(S+1) partitions as the claimant promises; a removal yields the ring the cluster
/// would have had without that member, which can move more partitions than strictly needed.
/// </para>
/// <para>
/// A restart on the same address leaves the ring unchanged. The cluster lets the new incarnation join
/// beside its downed predecessor, and its leader moves the new one Up with the predecessor's
/// up-number in the same step that removes the predecessor (see <c>MembershipState.Join</c> and
/// <c>LeaderActions</c>). So every view of the restart — old Up and unreachable; old Down beside the
/// new one Joining; new one Up — holds an incarnation of the node id with the same up-number, and the
/// replay sees the same ids in the same order. Without that, the node would drop out of the ring when
/// its old incarnation is removed and come back as the youngest member, at another place in the
/// claim order: two ring changes, each moving partitions, for a node that kept its data. A node
/// downed for good, or that left, has no successor, so its removal takes it out of the ring.
/// </para>
/// </remarks>
public static class MembershipRing
{
    /// <summary>The node ids of the ring members among <paramref name="members"/>, in claim order.</summary>
    public static ImmutableArray<string> RingMembers(IEnumerable<Member> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return [.. members
            .Where(m => m.UpNumber != Member.NotUpYet && m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down)
            .GroupBy(m => NodeIdentity.NodeIdOf(m.Address), StringComparer.Ordinal)
            // Two incarnations of one node id (a downed one beside its successor) share one place: the older one's.
            .Select(g => (Node: g.Key, UpNumber: g.Min(m => m.UpNumber)))
            .OrderBy(n => n.UpNumber)
            .ThenBy(n => n.Node, StringComparer.Ordinal)
            .Select(n => n.Node)];
    }

    /// <summary>
    /// The ring of <paramref name="claimOrder"/> (as <see cref="RingMembers"/> gives it): each member
    /// claimed onto the ring of those before it. Null when there are no members.
    /// </summary>
    public static Ring? Compute(Claimant claimant, IReadOnlyList<string> claimOrder)
    {
        ArgumentNullException.ThrowIfNull(claimant);
        ArgumentNullException.ThrowIfNull(claimOrder);
        Ring? ring = null;
        for (int i = 1; i <= claimOrder.Count; i++)
            ring = claimant.Claim(ring, claimOrder.Take(i));
        return ring;
    }
}
