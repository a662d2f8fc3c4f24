using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>A snapshot of the cluster as one node sees it, sent to a new subscriber before the events that follow it.</summary>
/// <param name="Members">The members in address order.</param>
/// <param name="Unreachable">Members some observer reports unreachable (this node excluded).</param>
/// <param name="SeenBy">Addresses of the members that have seen the current gossip.</param>
/// <param name="Leader">The leader's address, or null.</param>
public sealed record CurrentClusterState(
    ImmutableSortedSet<Member> Members,
    ImmutableSortedSet<Member> Unreachable,
    ImmutableSortedSet<Address> SeenBy,
    Address? Leader);
