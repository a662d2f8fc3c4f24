using System.Diagnostics;
using Dynamo.Client;
using Dynamo.Testing;
using Xunit.Abstractions;

namespace Dynamo.Cluster.Tests.Faults;

/// <summary>
/// Keys are deleted while one of their replicas is down; it comes back with its old data folder, still holding
/// the values the deletes removed. Hints and read repair must carry the tombstones to it: no deleted key returns.
/// </summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class DeleteWhileReplicaDownTests(ITestOutputHelper output)
{
    private const string Bucket = "deleted";

    [Fact]
    public async Task Keys_deleted_while_a_replica_is_down_stay_deleted_after_it_returns_with_its_old_data()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        var ct = timeout.Token;
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(4, Scenarios.Restartable, ct);
        var formed = clock.Elapsed;
        const int away = 2;
        var ring = await Scenarios.RingAsync(cluster, 0, ct);
        var history = new History(Bucket);
        // Keys the away node replicates: it holds their values when it goes, and misses their deletes.
        var doomed = Scenarios.KeysWhere(ring, Bucket, "d", 12, primaries => primaries.Contains(cluster[away].NodeId));
        foreach (var key in doomed)
        {
            var seeded = await RecordedWrites.PutAsync(history, cluster.Client(0), 0, key, $"{key}-old", null, w: Scenarios.N, ct);
            Assert.True(seeded.Outcome == WriteOutcome.Acknowledged, $"seeding {seeded}");
        }

        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var load = new WriteLoad(cluster, history, new WriteLoadOptions
        {
            Clients = 4, Keys = 16, Duration = TimeSpan.FromSeconds(40), Nodes = [0, 1, 3], W = _ => 2, R = _ => 2,
            DeleteShare = 0.3, Seed = 41,
        });
        var running = load.RunAsync(stopLoad.Token);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        await cluster.StopAsync(away, ct);
        await cluster.AwaitUnreachableAsync([0, 1, 3], [away], ct);

        var deletes = new List<HistoryWrite>();
        var via = new[] { 0, 1, 3 };
        for (var i = 0; i < doomed.Count; i++)
        {
            var node = via[i % via.Length];
            var read = await RecordedWrites.ReadAsync(history, cluster.Client(node), node, doomed[i], r: 2, ct);
            Assert.True(read.Found, $"{doomed[i]} read {read.Status} through node {node} before its delete");
            deletes.Add(await RecordedWrites.DeleteAsync(history, cluster.Client(node), node, doomed[i], read.Context, w: 2, ct));
        }
        Assert.All(deletes, d => Assert.True(d.Outcome == WriteOutcome.Acknowledged, d.ToString()));
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        // The load stops before the node returns: a restart is a new incarnation, and that ring change is
        // another scenario's subject; this one is about the old values the returning replica still holds.
        await stopLoad.CancelAsync();
        await running;

        await cluster.RestartAsync(away, ct);
        await Scenarios.AwaitHintsDeliveredAsync(cluster, TimeSpan.FromSeconds(20), ct);

        var verdict = await Checker.CheckAsync(history, cluster, new CheckerOptions { R = 3, RepairFirst = true }, ct);
        output.WriteLine($"formed in {formed.TotalSeconds:0.0} s, whole scenario {clock.Elapsed.TotalSeconds:0.0} s; {verdict.Describe()}");
        Assert.True(verdict.IsValid, Scenarios.Explain(verdict, history) + "\n" + cluster.Describe());
        foreach (var read in verdict.Reads.Where(r => doomed.Contains(r.Key)))
            Assert.True(read.Status != DynamoObjectStatus.Found, $"{read.Key} read [{string.Join(", ", read.Values)}] on {read.Node} after its delete");
        Assert.Equal(4, verdict.FinalReads / verdict.KeysChecked);
    }
}
