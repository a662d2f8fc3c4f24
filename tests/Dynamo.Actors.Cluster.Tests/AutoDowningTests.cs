using System.Collections.Immutable;
using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class AutoDowningTests
{
    private static readonly Gossip ThreeUp = GossipOf([MemberOf(1, MemberStatus.Up, 1), MemberOf(2, MemberStatus.Up, 2), MemberOf(3, MemberStatus.Down, 3)]);

    [Fact]
    public void Unreachable_since_keeps_the_first_time_and_forgets_recovered_nodes()
    {
        var since = AutoDowning.TrackUnreachable(ImmutableSortedDictionary<UniqueAddress, long>.Empty, [Node(2)], 1000);
        since = AutoDowning.TrackUnreachable(since, [Node(2), Node(3)], 5000);
        Assert.Equal(1000, since[Node(2)]);
        Assert.Equal(5000, since[Node(3)]);
        since = AutoDowning.TrackUnreachable(since, [Node(3)], 6000);
        Assert.False(since.ContainsKey(Node(2)));
    }

    [Fact]
    public void Members_unreachable_for_the_configured_time_are_downed_unless_already_down()
    {
        var since = new Dictionary<UniqueAddress, long> { [Node(2)] = 1000, [Node(3)] = 0, [Node(1)] = 9000 };
        Assert.Empty(AutoDowning.MembersToDown(ThreeUp, since, 10_000, null));
        Assert.Empty(AutoDowning.MembersToDown(ThreeUp, since, 10_999, TimeSpan.FromSeconds(10)));
        Assert.Equal([Node(2)], AutoDowning.MembersToDown(ThreeUp, since, 11_000, TimeSpan.FromSeconds(10)).ToArray());
    }
}
