using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>The cluster as this node sees it right now, for polling (subscribers get the same through events).</summary>
/// <param name="Members">The members in address order.</param>
/// <param name="SelfStatus">This node's status; null before it joined, Removed once it was removed.</param>
/// <param name="Reachability">Every observer's reachability records.</param>
/// <param name="Unreachable">Members some observer reports unreachable (this node excluded).</param>
/// <param name="Leader">The leader's address, or null.</param>
/// <param name="Convergence">True when every reachable member has seen the current gossip (Akka's convergence rule).</param>
/// <param name="SeenBy">Addresses of the members that have seen the current gossip.</param>
public sealed record ClusterState(
    ImmutableSortedSet<Member> Members,
    MemberStatus? SelfStatus,
    Reachability Reachability,
    ImmutableSortedSet<Member> Unreachable,
    Address? Leader,
    bool Convergence,
    ImmutableSortedSet<Address> SeenBy)
{
    /// <summary>The state of a node that has not joined.</summary>
    public static readonly ClusterState Empty = new([], null, Reachability.Empty, [], null, false, []);
}
