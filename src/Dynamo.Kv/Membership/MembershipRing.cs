using Akka.Actor;
using System.Collections.Immutable;
using Akka.Cluster;
using Dynamo.Core.Partitioning;

namespace Dynamo.Kv.Membership;

/// <summary>
/// The ring a cluster's membership implies, the same on every node that sees the same members.
/// </summary>
/// <remarks>
/// The ring is about node ids (host:port), not incarnations: a node id is a ring member while one of its
/// incarnations is a member that has not left, whatever its reachability (unreachability is temporary and the
/// quorums cover it). Nodes see membership changes at different moments and may miss intermediate views, so
/// the ring cannot build on whatever ring a node held before: it is replayed from scratch, the node ids in
/// ordinal order, each added with <see cref="Claimant.Claim"/> to the ring of those before it.
/// <para>
/// The order depends on the set of node ids alone, so a node restarted on its address keeps its place.
/// Akka.Cluster downs the old incarnation when the new one joins and moves the new one Up as its youngest
/// member; ordering by age would move the node in the claim order and hand partitions back and forth for a
/// node that kept its data. The moment between the old incarnation's removal and the new one's join is
/// bridged by <see cref="RingCoordinator"/>, which keeps a downed node id in the ring for a grace period.
/// </para>
/// </remarks>
public static class MembershipRing
{
    /// <summary>The node ids of the ring members among <paramref name="members"/>, in claim order (ordinal).</summary>
    public static ImmutableArray<string> RingMembers(IEnumerable<Member> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return RingMembers(members.Select(m => (m.Address, m.Status)));
    }

    /// <summary>
    /// The node ids of the ring members among <paramref name="members"/> (each incarnation's address and status),
    /// in claim order (ordinal). Only address and status decide, so this is the whole rule; Akka.Cluster's
    /// <see cref="Member"/> cannot be built outside a cluster, which the overload over members needs.
    /// </summary>
    public static ImmutableArray<string> RingMembers(IEnumerable<(Address Address, MemberStatus Status)> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return [.. members
            .Where(m => m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up
                or MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down)
            .Select(m => NodeIdentity.NodeIdOf(m.Address))
            // Two incarnations of one node id (a downed one beside its successor) are one ring member.
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The ring of <paramref name="claimOrder"/> (as <see cref="RingMembers(IEnumerable{Member})"/> gives it): each member
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
