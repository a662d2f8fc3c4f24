using Dynamo.TestSupport;
using Dynamo.Testing;

namespace Dynamo.Server.Cluster.Tests;

/// <summary>The process-cluster harness itself: graceful stop, wipe, restart, a node added and one leaving.</summary>
public sealed class ProcessClusterTests
{
    [Fact]
    public async Task Nodes_stop_gracefully_restart_on_wiped_data_join_and_leave_and_faults_stay_off_unless_enabled()
    {
        using var timeout = new CancellationTokenSource(TimeFactor.Dilated(TimeSpan.FromSeconds(110)));
        var ct = timeout.Token;
        await using var cluster = await ProcessCluster.StartAsync(3, new ProcessClusterOptions { FaultInjection = false }, ct);
        await cluster.Client(0).PutAsync("b", "k", "v"u8.ToArray(), "text/plain", w: 3, ct: ct);
        Assert.All(cluster.Nodes, n => Assert.True(n.IsRunning));

        // Without fault injection the nodes refuse to be partitioned.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.PartitionAsync([0], [1, 2], ct));
        Assert.Contains("404", refused.Message);

        // SIGTERM: the node exits by itself, cleanly.
        await cluster.StopAsync(2, ct);
        Assert.False(cluster[2].IsRunning);
        Assert.Equal(0, cluster[2].ExitCode);
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(cluster[2].DataDirectory));
        // A stop is not a leave: the generic host terminates a store member's actor system without Akka.Hosting's
        // cluster-leave phase, so the others keep it as an Up member, unreachable, and its partitions stay put.
        await cluster.AwaitUnreachableAsync([0, 1], [2], ct);
        Assert.Equal("Up", Assert.Single(await cluster.MembersAsync(0, ct), m => m.Address == cluster[2].Address).Status);
        Assert.Contains(cluster[2].NodeId, await cluster.RingAsync(0, ct));

        cluster.Wipe(2);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cluster[2].DataDirectory));
        Assert.Throws<InvalidOperationException>(() => cluster.Wipe(0));

        await cluster.RestartAsync(2, ct);
        Assert.Equal(2, cluster[2].Incarnations);
        Assert.Equal([0, 1, 2], cluster.Running);

        var added = await cluster.AddNodeAsync(ct);
        Assert.Equal(3, added);
        Assert.Equal(4, (await cluster.MembersAsync(0, ct)).Count(m => m.Status == "Up"));
        Assert.Equal(4, (await cluster.RingAsync(added, ct)).Distinct().Count());

        await cluster.LeaveAsync(added, ct: ct);
        await cluster.AwaitConvergedAsync(ct);
        Assert.DoesNotContain(await cluster.MembersAsync(0, ct), m => m.Address == cluster[added].Address);
    }
}
