using System.Diagnostics;
using Dynamo.Testing;
using Xunit.Abstractions;

namespace Dynamo.Cluster.Tests.Faults;

/// <summary>
/// A node loses its data folder while it is down and rejoins under the same address. The other replicas' clocks
/// still hold the ids it used before; the writes it coordinates afterwards must not be mistaken for those old
/// events and dropped, and reads must refill it.
/// </summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class WipedRejoinTests(ITestOutputHelper output)
{
    private const int Wiped = 2;

    [Fact]
    public async Task A_node_wiped_while_down_rejoins_under_its_address_and_the_writes_it_coordinates_are_kept()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        var ct = timeout.Token;
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(3, Scenarios.Restartable, ct);
        var formed = clock.Elapsed;
        var history = new History("wiped");
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Every node is a primary of every key (three nodes, N = 3), so each write sent to a node is coordinated there.
        var load = new WriteLoad(cluster, history, new WriteLoadOptions
        {
            Clients = 4, Keys = 16, Duration = TimeSpan.FromSeconds(60), W = _ => 2, R = _ => 2, BlindWriteShare = 0.1, Seed = 47,
        });
        var running = load.RunAsync(stopLoad.Token);

        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        cluster.Kill(Wiped);
        cluster.Wipe(Wiped);
        var wipedAt = DateTimeOffset.UtcNow;
        await cluster.AwaitUnreachableAsync([0, 1], [Wiped], ct);
        await cluster.RestartAsync(Wiped, ct);
        var restartedAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(4), ct);
        await stopLoad.CancelAsync();
        await running;

        // R = 3 reads every replica; the repairing pass refills the wiped node before the checked reads.
        var verdict = await Checker.CheckAsync(history, cluster, new CheckerOptions { R = 3, RepairFirst = true }, ct);
        var origin = history.Writes[0].Started;
        var events = $"killed and wiped at {(wipedAt - origin).TotalMilliseconds:0} ms, back at {(restartedAt - origin).TotalMilliseconds:0} ms of the history";
        output.WriteLine($"formed in {formed.TotalSeconds:0.0} s, {events}, whole scenario {clock.Elapsed.TotalSeconds:0.0} s; {verdict.Describe()}");
        Assert.True(verdict.IsValid, events + "\n" + Scenarios.Explain(verdict, history) + "\n" + cluster.Describe());
        Assert.Equal(3, verdict.FinalReads / verdict.KeysChecked);
        // Read-modify-writes it coordinated after the rejoin, from contexts that carry its pre-wipe ids.
        var coordinatedAfter = history.Writes
            .Where(w => w.Node == Wiped && w.Kind == WriteKind.Put && w.Outcome == WriteOutcome.Acknowledged && w.Started > restartedAt && !w.IssuedFrom.IsEmpty)
            .ToList();
        output.WriteLine($"{coordinatedAfter.Count} read-modify-writes acknowledged through the wiped node after it rejoined");
        Assert.NotEmpty(coordinatedAfter);
    }
}
