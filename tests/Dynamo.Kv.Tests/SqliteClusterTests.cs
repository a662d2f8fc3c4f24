using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.Hints;
using Dynamo.Kv.Persistence;

namespace Dynamo.Kv.Tests;

/// <summary>The same nodes with their journals in real SQLite files.</summary>
public sealed class SqliteClusterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-kv-" + Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 60_000)]
    public async Task Acknowledged_writes_are_read_back_after_every_node_restarts()
    {
        Protocol.PutResult first;
        await using (var cluster = await KvCluster.StartAsync(journal: JournalOf))
        {
            first = await cluster.PutAsync("a", "b", "k1", "v1");
            await cluster.PutAsync("b", "b", "k2", "v2");
        }

        await using var restarted = await KvCluster.StartAsync(journal: JournalOf);

        var k1 = await restarted.GetAsync("c", "b", "k1");
        Assert.Equal(["v1"], Requests.Values(k1));
        Assert.Equal(first.Context, k1.Context);
        Assert.Equal(["v2"], Requests.Values(await restarted.GetAsync("a", "b", "k2")));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_hint_outlives_a_restart_of_every_node_and_reaches_its_owner_afterwards()
    {
        // A snapshot after every event: the journal deletes what each snapshot holds, and numbering must go on after it.
        var hints = new HintedHandoffSettings { CheckInterval = TimeSpan.FromMilliseconds(50), MinBackoff = TimeSpan.FromMilliseconds(100), SnapshotEvery = 1 };
        string down, fallback;
        int partition;
        await using (var cluster = await KvCluster.StartAsync(nodeCount: 4, hintedHandoff: hints, journal: JournalOf))
        {
            string coordinator;
            (coordinator, down, fallback, partition) = SloppyQuorumTests.Sloppy(cluster, "b", "k");
            cluster.Local.SetReachable(down, false);
            await cluster.PutAsync(coordinator, "b", "k", "v1", w: 3);
            Assert.Equal(1, (await cluster.HintStatsAsync(fallback)).Pending[down]);
        }

        // Every node reachable again: the fallback's hinted handoff recovers the hint from its file and delivers it.
        await using (var restarted = await KvCluster.StartAsync(nodeCount: 4, hintedHandoff: hints, journal: JournalOf))
        {
            await Eventually.AssertAsync(async () =>
            {
                var owned = await restarted.ReadReplicaAsync(down, partition, "b", "k");
                Assert.Equal(["v1"], owned.Object.Siblings.Select(s => Requests.Text(s.Value.ToArray())));
                var stats = await restarted.HintStatsAsync(fallback);
                Assert.Equal(1, stats.Delivered);
                Assert.Empty(stats.Pending);
            }, TimeSpan.FromSeconds(30));
        }

        // The release was written after the events the snapshot let go, so it is recovered too: nothing waits any more.
        await using var again = await KvCluster.StartAsync(nodeCount: 4, hintedHandoff: hints, journal: JournalOf);
        Assert.Empty((await again.HintStatsAsync(fallback)).Pending);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // The node's Akka.Persistence.Sql journal and snapshot store in a SQLite file of its own directory.
    private Config JournalOf(string node) =>
        JournalConfig.For(ConfigurationFactory.ParseString($$"""
            dynamo.persistence { plugin = sqlite, sqlite.data-directory = "{{Path.Combine(_directory, node, "journal")}}" }
            """).WithFallback(DynamoConfig.Reference()), node);
}
