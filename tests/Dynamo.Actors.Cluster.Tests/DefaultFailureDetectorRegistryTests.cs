using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class DefaultFailureDetectorRegistryTests
{
    private static DefaultFailureDetectorRegistry<UniqueAddress> Registry() =>
        new(() => new PhiAccrualFailureDetector(8.0, 100, TimeSpan.FromMilliseconds(100), TimeSpan.Zero, TimeSpan.FromSeconds(1)));

    [Fact]
    public void A_node_never_heard_from_is_available_but_not_monitored()
    {
        var registry = Registry();
        Assert.True(registry.IsAvailable(Node(1), 1_000_000));
        Assert.False(registry.IsMonitoring(Node(1)));
    }

    [Fact]
    public void Each_node_has_its_own_detector()
    {
        var registry = Registry();
        for (long t = 0; t <= 10_000; t += 1000)
        {
            registry.Heartbeat(Node(1), t);
            if (t <= 2000) registry.Heartbeat(Node(2), t);
        }
        Assert.True(registry.IsAvailable(Node(1), 11_000));
        Assert.False(registry.IsAvailable(Node(2), 11_000));
        Assert.Equal(2, registry.Monitored.Count);
    }

    [Fact]
    public void Remove_and_reset_stop_monitoring()
    {
        var registry = Registry();
        registry.Heartbeat(Node(1), 0);
        registry.Heartbeat(Node(2), 0);
        registry.Remove(Node(1));
        Assert.False(registry.IsMonitoring(Node(1)));
        Assert.True(registry.IsMonitoring(Node(2)));
        registry.Reset();
        Assert.Empty(registry.Monitored);
        Assert.True(registry.IsAvailable(Node(2), 1_000_000));
    }
}
