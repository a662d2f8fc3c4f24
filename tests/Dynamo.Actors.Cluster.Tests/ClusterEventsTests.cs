using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class ClusterEventsTests
{
    [Fact]
    public void Diff_reports_status_events_then_removals_then_reachability_then_leader()
    {
        var old = GossipOf([
            MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2), MemberOf(3, MemberStatus.Exiting, 3),
            MemberOf(4, MemberStatus.Joining), MemberOf(5, MemberStatus.Up, 4)],
            reachability: Reachability.Empty.Unreachable(Node(2), Node(5)));
        var updated = GossipOf([
            MemberOf(1, MemberStatus.Leaving, 1), MemberOf(2, MemberStatus.Down, 2), MemberOf(4, MemberStatus.Up, 5),
            MemberOf(5, MemberStatus.Up, 4), MemberOf(6, MemberStatus.Joining)],
            reachability: Reachability.Empty.Unreachable(Node(5), Node(4)));

        var events = ClusterEvents.Diff(old, updated, Node(6));

        Assert.Equal(
        [
            "MemberLeft 1", "MemberDowned 2", "MemberUp 4", "MemberJoined 6", "MemberRemoved 3 Exiting",
            "UnreachableMember 4", "ReachableMember 5",
        ],
            events.Select(Name).ToArray());
        Assert.Equal(MemberStatus.Removed, events.OfType<MemberRemoved>().Single().Member.Status);
        Assert.Equal(MemberStatus.Down, events.OfType<MemberDowned>().Single().Member.Status);
    }

    [Fact]
    public void The_leader_change_comes_last()
    {
        var old = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2)]);
        var updated = GossipOf([MemberOf(1, MemberStatus.Exiting, 1), MemberOf(2, MemberStatus.Up, 2)]);
        var events = ClusterEvents.Diff(old, updated, Node(2));
        Assert.Equal([new MemberExited(updated.GetMember(Node(1))), new LeaderChanged(AddressOf(2))], events.ToArray());
    }

    [Fact]
    public void No_change_no_events()
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1)]);
        Assert.Empty(ClusterEvents.Diff(g, g.Seen(Node(1)), Node(1)));
    }

    [Fact]
    public void A_snapshot_lists_members_unreachable_seen_and_leader()
    {
        var g = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2)], [Node(2)],
            Reachability.Empty.Unreachable(Node(2), Node(1)));
        var state = ClusterEvents.Snapshot(g, Node(2));
        Assert.Equal(2, state.Members.Count);
        Assert.Equal([Node(1)], state.Unreachable.Select(m => m.UniqueAddress));
        Assert.Equal([AddressOf(2)], state.SeenBy);
        Assert.Equal(AddressOf(2), state.Leader);
    }

    private static string Name(ClusterEvent e) => e switch
    {
        MemberRemoved r => $"MemberRemoved {r.Member.Address.Port - 2550} {r.PreviousStatus}",
        MemberEvent m => $"{m.GetType().Name} {m.Member.Address.Port - 2550}",
        ReachabilityEvent r => $"{r.GetType().Name} {r.Member.Address.Port - 2550}",
        LeaderChanged l => $"LeaderChanged {l.Leader?.Port - 2550}",
        _ => e.ToString(),
    };
}
