using System.Diagnostics;
using Dynamo.Testing;
using Xunit.Abstractions;

namespace Dynamo.Cluster.Tests.Faults;

/// <summary>
/// Five node processes under a write load with W = 2 lose two of their number to SIGKILL: writes keep being
/// acknowledged through fallbacks (hinted handoff), and the survivors, read with R = 2, hold every acknowledged write.
/// </summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class TwoNodesKilledTests(ITestOutputHelper output)
{
    private const string Bucket = "two-killed";

    [Fact]
    public async Task Two_of_five_nodes_killed_under_load_writes_with_w2_succeed_through_fallbacks_and_none_is_lost()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        var ct = timeout.Token;
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(5, ct: ct);
        var formed = clock.Elapsed;
        var ring = await Scenarios.RingAsync(cluster, 0, ct);
        var history = new History(Bucket);
        var load = new WriteLoad(cluster, history, new WriteLoadOptions
        {
            Clients = 4, Keys = 24, Duration = TimeSpan.FromSeconds(12), Nodes = [0, 1, 2], W = _ => 2, R = _ => 2, Seed = 31,
        });
        var running = load.RunAsync(ct);

        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        cluster.Kill(3);
        cluster.Kill(4);
        var killedAt = DateTimeOffset.UtcNow;
        await running;

        var verdict = await Checker.CheckAsync(history, cluster, new CheckerOptions { R = 2 }, ct);
        output.WriteLine($"formed in {formed.TotalSeconds:0.0} s, whole scenario {clock.Elapsed.TotalSeconds:0.0} s; {verdict.Describe()}");
        Assert.True(verdict.IsValid, Scenarios.Explain(verdict, history) + "\n" + cluster.Describe());
        Assert.Equal(3, verdict.FinalReads / verdict.KeysChecked);

        // Once the survivors see the dead unreachable, a key with a dead primary meets W = 2 only with a
        // fallback's hint standing in for it; one with two dead primaries has a single live primary left.
        var dead = new[] { cluster[3].NodeId, cluster[4].NodeId };
        int DeadPrimaries(string key) => Scenarios.Primaries(ring, Bucket, key).Count(dead.Contains);
        var acknowledgedAfterKill = history.Writes
            .Where(w => w.Outcome == WriteOutcome.Acknowledged && w.Started > killedAt.AddSeconds(2))
            .ToList();
        output.WriteLine($"{acknowledgedAfterKill.Count} writes acknowledged from 2 s after the kill; "
            + $"{acknowledgedAfterKill.Count(w => DeadPrimaries(w.Key) == 1)} of keys with one dead primary, "
            + $"{acknowledgedAfterKill.Count(w => DeadPrimaries(w.Key) == 2)} with two");
        Assert.Contains(acknowledgedAfterKill, w => DeadPrimaries(w.Key) == 1);
        Assert.Contains(acknowledgedAfterKill, w => DeadPrimaries(w.Key) == 2);
    }
}
