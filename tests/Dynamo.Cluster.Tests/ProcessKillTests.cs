using Dynamo.Testing;

namespace Dynamo.Cluster.Tests;

/// <summary>Node processes on loopback, one of them killed with SIGKILL: Akka.Cluster's failure detector on the others.</summary>
[Collection(Faults.NodeProcessesCollection.Name)]
public sealed class ProcessKillTests
{
    [Fact]
    public async Task A_node_process_killed_with_sigkill_is_marked_unreachable_by_the_survivors_and_stays_a_member()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        await using var cluster = await ProcessCluster.StartAsync(3, ct: ct);

        cluster.Kill(2);

        await cluster.AwaitUnreachableAsync([0, 1], [2], ct);
        Assert.False(cluster[2].IsRunning);
        Assert.True(cluster[1].IsRunning);
        // Unreachable is temporary, as in the paper: no downing provider removes the member on its own.
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var members = await cluster.MembersAsync(0, ct);
        var victim = Assert.Single(members, m => m.Address == cluster[2].Address);
        Assert.Equal("Up", victim.Status);
        Assert.False(victim.Reachable);
    }
}
