using System.Diagnostics;
using Dynamo.Testing;
using Xunit.Abstractions;

namespace Dynamo.Cluster.Tests.Faults;

/// <summary>
/// Nodes join and leave a cluster under a write load: partitions move by ownership handoff, the leaver drains
/// before it goes, the ring ends balanced over the remaining members, and no acknowledged write is lost.
/// </summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class JoinAndLeaveTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_nodes_join_and_one_leaves_under_load_the_ring_balances_and_no_acknowledged_write_is_lost()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(3, ct: ct);
        var formed = clock.Elapsed;
        var history = new History("join-leave");
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var load = new WriteLoad(cluster, history, new WriteLoadOptions
        {
            Clients = 4, Keys = 24, Duration = TimeSpan.FromSeconds(60), Nodes = [0, 1, 2], W = _ => 2, R = _ => 2, Seed = 37,
        });
        var running = load.RunAsync(stopLoad.Token);

        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var joined = await cluster.AddNodesAsync(2, ct);
        var joinedAt = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var leaver = joined[1];
        var leaveAsked = DateTimeOffset.UtcNow;
        // POST /cluster/leave: the leaver drains (hands every partition off) and only then leaves the cluster.
        await cluster.LeaveAsync(leaver, via: 0, ct);
        await cluster.AwaitConvergedAsync(ct);
        var leftAt = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        await stopLoad.CancelAsync();
        await running;

        var members = cluster.Nodes.Where(n => n.IsMember).Select(n => n.Index).ToList();
        Assert.Equal([0, 1, 2, joined[0]], members);
        foreach (var observer in members)
        {
            Assert.DoesNotContain(await cluster.MembersAsync(observer, ct), m => m.Address == cluster[leaver].Address);
            var owners = await cluster.RingAsync(observer, ct);
            Assert.DoesNotContain(cluster[leaver].NodeId, owners);
            var fewest = owners.Count / members.Count;
            var most = (owners.Count + members.Count - 1) / members.Count;
            foreach (var member in members)
            {
                var owned = owners.Count(o => o == cluster[member].NodeId);
                Assert.True(owned >= fewest && owned <= most,
                    $"node {observer} routes by a ring where node {member} owns {owned} of {owners.Count} partitions, expected {fewest}..{most}: [{string.Join(", ", owners)}]");
            }
        }

        // R = 3 asks every replica of the four members, so each read sees every copy the moves left.
        var readers = members.Select(i => ($"node {i}", cluster.Client(i))).ToList();
        var verdict = await Checker.CheckAsync(history, readers, new CheckerOptions { R = 3 }, ct);
        output.WriteLine($"formed in {formed.TotalSeconds:0.0} s, two joined by {joinedAt.TotalSeconds:0.0} s, the leaver gone by {leftAt.TotalSeconds:0.0} s, "
            + $"whole scenario {clock.Elapsed.TotalSeconds:0.0} s; {verdict.Describe()}");
        Assert.True(verdict.IsValid, Scenarios.Explain(verdict, history) + "\n" + cluster.Describe());
        Assert.Contains(history.Writes, w => w.Outcome == WriteOutcome.Acknowledged && w.Started > leaveAsked);
    }
}
