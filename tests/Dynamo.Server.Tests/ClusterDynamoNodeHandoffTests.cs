using Akka.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.Kv.Membership;
using Dynamo.Kv.VNodes;
using Dynamo.Server.Cluster;
using Dynamo.Server.Node;
using Dynamo.TestSupport;

namespace Dynamo.Server.Tests;

/// <summary>Leave as a drain, and the transfers and handoff figures, on one cluster node in this process.</summary>
public sealed class ClusterDynamoNodeHandoffTests
{
    private static Task<KvNode> StartAsync() => KvNode.StartAsync(ConfigurationFactory.ParseString("""
        akka.loglevel = ERROR
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms }
        dynamo.persistence.plugin = memory
        dynamo.kv.ring-partitions = 16
        """).WithFallback(TestConfig.ClusterMember)).WaitAsync(TimeSpan.FromSeconds(10));

    [Fact(Timeout = 30_000)]
    public async Task Leave_of_the_only_member_is_recorded_as_a_drain_and_it_stays_up_as_nobody_can_take_its_partitions()
    {
        await using var kv = await StartAsync();
        var node = new ClusterDynamoNode(kv, DateTimeOffset.UtcNow);
        await node.JoinAsync(kv.Cluster.SelfAddress.ToString(), CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await node.GetClusterViewAsync(CancellationToken.None)).Members.SingleOrDefault() is not { Status: "Up", Partitions: 16 } && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        var result = await node.LeaveAsync(kv.Cluster.SelfAddress.ToString(), CancellationToken.None);

        Assert.Equal(OperatorOutcome.Accepted, result.Outcome);
        Assert.Contains("drains", result.Message);
        var journal = Akka.Persistence.Persistence.Instance.Apply(kv.System).JournalFor(null);
        var recorded = await EventReader.Read(kv.System, journal, DrainRecord.JournalPersistenceId, 1, long.MaxValue, TimeSpan.FromSeconds(10));
        Assert.IsType<DrainStarted>(recorded[^1]);
        await Task.Delay(600);
        var view = await node.GetClusterViewAsync(CancellationToken.None);
        Assert.Equal("Up", Assert.Single(view.Members).Status);
        Assert.Empty(view.Transfers);
        Assert.Equal(HandoffStats.None, await node.GetHandoffStatsAsync(CancellationToken.None));
    }
}
