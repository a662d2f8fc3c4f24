using System.Diagnostics;
using Dynamo.Testing;
using Xunit.Abstractions;

namespace Dynamo.Cluster.Tests.Faults;

/// <summary>
/// Three node processes under a bounded recorded write load while a fault strikes; afterwards the
/// <see cref="Checker"/> reads every key from every node and must find no lost, phantom or resurrected write.
/// </summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class FaultScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_node_killed_during_a_write_load_loses_no_acknowledged_write_on_the_survivors()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(3, ct: ct);
        var formed = clock.Elapsed;
        var history = new History("killed");
        var load = new WriteLoad(cluster, history, LoadWithQuorumsOfTwo(seed: 11));
        var running = load.RunAsync(ct);

        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        cluster.Kill(2);
        var killedAt = DateTimeOffset.UtcNow;
        await running;

        var verdict = await Checker.CheckAsync(history, cluster, new CheckerOptions { R = 2 }, ct);
        output.WriteLine($"formed in {formed.TotalSeconds:0.0} s, whole scenario {clock.Elapsed.TotalSeconds:0.0} s; {verdict.Describe()}");
        Assert.True(verdict.IsValid, Scenarios.Explain(verdict, history) + "\n" + cluster.Describe());
        Assert.Equal(2, verdict.FinalReads / verdict.KeysChecked);
        var acknowledged = history.Writes.Where(w => w.Outcome == WriteOutcome.Acknowledged).ToList();
        Assert.Contains(acknowledged, w => w.Ended < killedAt);
        Assert.Contains(acknowledged, w => w.Started > killedAt.AddSeconds(1));
    }

    [Fact]
    public async Task A_node_killed_during_a_write_load_and_restarted_with_its_data_loses_no_acknowledged_write()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        var ct = timeout.Token;
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(3, Scenarios.Restartable, ct);
        var history = new History("restarted");
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var load = new WriteLoad(cluster, history, LoadWithQuorumsOfTwo(seed: 13) with { Duration = TimeSpan.FromSeconds(60) });
        var running = load.RunAsync(stopLoad.Token);

        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        cluster.Kill(2);
        var killedAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await cluster.RestartAsync(2, ct);
        var restartedAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        await stopLoad.CancelAsync();
        await running;

        var verdict = await Checker.CheckAsync(history, cluster, new CheckerOptions { R = 2 }, ct);
        output.WriteLine($"whole scenario {clock.Elapsed.TotalSeconds:0.0} s, restart took {(restartedAt - killedAt).TotalSeconds - 3:0.0} s; {verdict.Describe()}");
        Assert.True(verdict.IsValid, Scenarios.Explain(verdict, history) + "\n" + cluster.Describe());
        Assert.Equal(3, verdict.FinalReads / verdict.KeysChecked);
        var acknowledged = history.Writes.Where(w => w.Outcome == WriteOutcome.Acknowledged).ToList();
        Assert.Contains(acknowledged, w => w.Started > killedAt && w.Ended < restartedAt);
    }

    [Fact]
    public async Task A_partition_with_writes_on_both_sides_heals_into_siblings_and_loses_no_acknowledged_write()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(3, ct: ct);
        var formed = clock.Elapsed;
        var history = new History("partitioned");
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // The minority side (node 2) can only meet quorums of one; the majority meets two.
        var load = new WriteLoad(cluster, history, new WriteLoadOptions
        {
            Clients = 4, Keys = 16, Duration = TimeSpan.FromSeconds(40), Seed = 23,
            W = node => node == 2 ? 1 : 2,
            R = node => node == 2 ? 1 : 2,
        });
        var running = load.RunAsync(stopLoad.Token);

        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        await cluster.PartitionAsync([0, 1], [2], ct);
        var partitionedAt = DateTimeOffset.UtcNow;
        await cluster.AwaitUnreachableAsync([0, 1], [2], ct);
        await cluster.AwaitUnreachableAsync([2], [0, 1], ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        // The load stops before healing, so the siblings both sides made are still there to be read.
        await stopLoad.CancelAsync();
        await running;
        var stoppedAt = DateTimeOffset.UtcNow;
        await cluster.HealAsync(ct);
        await cluster.AwaitConvergedAsync(ct);

        // R = 3 asks every replica, so each read merges both sides' versions; the first pass also repairs
        // the replicas that missed the other side's writes, and the second (checked) pass reads them again.
        var verdict = await Checker.CheckAsync(history, cluster, new CheckerOptions { R = 3, RepairFirst = true }, ct);
        output.WriteLine($"formed in {formed.TotalSeconds:0.0} s, whole scenario {clock.Elapsed.TotalSeconds:0.0} s; {verdict.Describe()}");
        Assert.True(verdict.IsValid, Scenarios.Explain(verdict, history) + "\n" + cluster.Describe());
        var duringPartition = history.Writes
            .Where(w => w.Outcome == WriteOutcome.Acknowledged && w.Started > partitionedAt && w.Ended < stoppedAt)
            .ToList();
        Assert.Contains(duringPartition, w => w.Node == 2);
        Assert.Contains(duringPartition, w => w.Node != 2);
        // Some key was written on both sides from the same version: its final read shows both as siblings.
        Assert.Contains(verdict.Reads, read =>
            read.Values.Select(v => history.WriterOf(read.Key, v)?.Node).Any(n => n == 2)
            && read.Values.Select(v => history.WriterOf(read.Key, v)?.Node).Any(n => n is 0 or 1));
    }

    private static WriteLoadOptions LoadWithQuorumsOfTwo(int seed) => new()
    {
        Clients = 4, Keys = 24, Duration = TimeSpan.FromSeconds(8), W = _ => 2, R = _ => 2, Seed = seed,
    };
}
