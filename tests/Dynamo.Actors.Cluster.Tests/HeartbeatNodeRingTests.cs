using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class HeartbeatNodeRingTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 9)]
    [InlineData(5, 9)]
    [InlineData(10, 9)]
    [InlineData(11, 9)]
    [InlineData(25, 9)]
    [InlineData(25, 3)]
    [InlineData(7, 1)]
    public void Every_node_is_monitored_by_min_k_and_n_minus_1_others(int n, int k)
    {
        var nodes = Enumerable.Range(1, n).Select(i => Node(i)).ToList();
        var monitors = nodes.ToDictionary(x => x, _ => 0);
        foreach (var sender in nodes)
        {
            var ring = new HeartbeatNodeRing(sender, nodes, [], k);
            var receivers = ring.MyReceivers;
            Assert.DoesNotContain(sender, receivers);
            Assert.Equal(Math.Min(k, n - 1), receivers.Count);
            foreach (var r in receivers) monitors[r]++;
        }
        Assert.All(monitors.Values, count => Assert.Equal(Math.Min(k, n - 1), count));
    }

    [Fact]
    public void Every_node_computes_the_same_assignment_whatever_order_it_learned_the_nodes_in()
    {
        var nodes = Enumerable.Range(1, 20).Select(i => Node(i)).ToList();
        var shuffled = nodes.OrderBy(x => x.Address.Port * 7919 % 23).ToList();
        var a = new HeartbeatNodeRing(nodes[0], nodes, [], 5);
        var b = new HeartbeatNodeRing(nodes[3], shuffled, [], 5);
        foreach (var sender in nodes) Assert.Equal(a.Receivers(sender), b.Receivers(sender));
    }

    [Fact]
    public void Unreachable_neighbours_stay_receivers_but_reachable_ones_still_fill_the_quota()
    {
        var nodes = Enumerable.Range(1, 20).Select(i => Node(i)).ToList();
        var unreachable = nodes.Where((_, i) => i % 3 == 0).ToHashSet();
        foreach (var sender in nodes)
        {
            var receivers = new HeartbeatNodeRing(sender, nodes, unreachable, 4).Receivers(sender);
            Assert.Equal(4, receivers.Count(r => !unreachable.Contains(r)));
            Assert.True(receivers.Count <= 8);
            Assert.DoesNotContain(sender, receivers);
        }
    }

    [Fact]
    public void The_ring_must_contain_its_own_node()
    {
        Assert.Throws<ArgumentException>(() => new HeartbeatNodeRing(Node(1), [Node(2)], [], 9));
        Assert.Throws<ArgumentException>(() => new HeartbeatNodeRing(Node(1), [Node(1)], [], 9).Receivers(Node(5)));
    }

    [Fact]
    public void Adding_and_removing_nodes_changes_the_receivers()
    {
        var ring = new HeartbeatNodeRing(Node(1), [Node(1)], [], 2);
        Assert.Empty(ring.MyReceivers);
        ring = ring.Add(Node(2)).Add(Node(3)).Add(Node(4));
        Assert.Equal(2, ring.MyReceivers.Count);
        ring = ring.Remove(Node(2)).Remove(Node(3)).Remove(Node(4));
        Assert.Empty(ring.MyReceivers);
    }
}
