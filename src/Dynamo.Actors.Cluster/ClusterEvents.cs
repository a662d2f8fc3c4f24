using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>Turns two successive gossips into the cluster events a subscriber sees, and a gossip into a snapshot.</summary>
public static class ClusterEvents
{
    /// <summary>
    /// The events between <paramref name="oldGossip"/> and <paramref name="newGossip"/> as
    /// <paramref name="self"/> sees them, in a fixed order: member status events in address order, then
    /// removals in address order, then newly unreachable members, members reachable again, and last a leader
    /// change. A member that moved several steps between the two gossips gets one event, for its new status.
    /// </summary>
    public static ImmutableArray<ClusterEvent> Diff(Gossip oldGossip, Gossip newGossip, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(oldGossip);
        ArgumentNullException.ThrowIfNull(newGossip);
        ArgumentNullException.ThrowIfNull(self);
        if (ReferenceEquals(oldGossip, newGossip)) return [];

        var events = ImmutableArray.CreateBuilder<ClusterEvent>();
        foreach (var m in newGossip.Members)
        {
            var before = oldGossip.FindMember(m.UniqueAddress);
            if (before is null || before.Status != m.Status) events.Add(StatusEvent(m));
        }
        foreach (var m in oldGossip.Members)
            if (!newGossip.HasMember(m.UniqueAddress))
                events.Add(new MemberRemoved(m.WithStatus(MemberStatus.Removed), m.Status));

        var oldUnreachable = UnreachableMembers(oldGossip, self);
        var newUnreachable = UnreachableMembers(newGossip, self);
        foreach (var node in newUnreachable.Except(oldUnreachable))
            events.Add(new UnreachableMember(newGossip.GetMember(node)));
        foreach (var node in oldUnreachable.Except(newUnreachable))
            if (newGossip.FindMember(node) is { } m) events.Add(new ReachableMember(m));

        var oldLeader = oldGossip.LeaderOf(self)?.Address;
        var newLeader = newGossip.LeaderOf(self)?.Address;
        if (!Equals(oldLeader, newLeader)) events.Add(new LeaderChanged(newLeader));
        return events.ToImmutable();
    }

    /// <summary>The snapshot of <paramref name="gossip"/> as <paramref name="self"/> sees it.</summary>
    public static CurrentClusterState Snapshot(Gossip gossip, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        return new CurrentClusterState(
            gossip.Members,
            UnreachableMembers(gossip, self).Select(gossip.GetMember).ToImmutableSortedSet(),
            gossip.SeenBy.Select(n => n.Address).ToImmutableSortedSet(),
            gossip.LeaderOf(self)?.Address);
    }

    private static ImmutableSortedSet<UniqueAddress> UnreachableMembers(Gossip gossip, UniqueAddress self) =>
        gossip.Reachability.AllUnreachableOrTerminated.Where(n => !n.Equals(self) && gossip.HasMember(n)).ToImmutableSortedSet();

    private static MemberEvent StatusEvent(Member m) => m.Status switch
    {
        MemberStatus.Joining => new MemberJoined(m),
        MemberStatus.Up => new MemberUp(m),
        MemberStatus.Leaving => new MemberLeft(m),
        MemberStatus.Exiting => new MemberExited(m),
        MemberStatus.Down => new MemberDowned(m),
        _ => throw new InvalidOperationException($"A gossip cannot hold member {m.UniqueAddress} with status {m.Status}."),
    };
}
