using System.Collections.Immutable;
using Dynamo.Actors.Cluster;
using Dynamo.Core.Partitioning;

namespace Dynamo.Kv.Membership;

/// <summary>
/// The ring a cluster's membership implies, the same on every node that sees the same members.
/// </summary>
/// <remarks>
/// Ring members are the members that reached Up and are not removed yet: Up, Leaving and Exiting
/// ones, and Down ones until the leader removes them. Unreachable members stay — unreachability is
/// temporary and the quorums cover it. Joining members wait until the leader moves them Up.
/// <para>
/// Nodes see membership changes at different moments and may miss intermediate views, so the ring
/// cannot build on whatever ring a node held before. Instead it is replayed from scratch: members
/// in the order the leader moved them Up (up-number, then address), each added with
/// <see cref="Claimant.Claim"/> to the ring of those before it. A joiner therefore takes about
/// Q/(S+1) partitions as the claimant promises; a removal yields the ring the cluster would have
/// had without that member, which can move more partitions than strictly needed.
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
            .OrderBy(m => m.UpNumber)
            .ThenBy(m => m.UniqueAddress)
            .Select(m => NodeIdentity.NodeIdOf(m.Address))
            .Distinct(StringComparer.Ordinal)];
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
