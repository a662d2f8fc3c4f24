using Dynamo.Client;
using Dynamo.Testing;

namespace Dynamo.Cluster.Tests.Faults;

/// <summary>
/// Cluster.Sharding's coordinator runs on the oldest member. Killed and not downed, that member stays unreachable and
/// the coordinator does not move, so a shard region can no longer learn where a shard lives. The survivors must keep
/// serving every partition regardless: their regions learned every shard's home while the coordinator ran.
/// </summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class OldestMemberKillTests
{
    private const string Bucket = "oldest-killed";
    private const int Keys = 48;

    // Regions learn the homes when the ring is installed and again every 5 s: one full round fits in this wait.
    private static readonly TimeSpan LearnHomes = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task With_the_oldest_member_killed_and_not_downed_every_write_through_the_others_is_acknowledged_and_read_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var ct = timeout.Token;
        await using var cluster = await ProcessCluster.StartAsync(3, ct: ct);
        await Task.Delay(LearnHomes, ct);

        // Node 0 is the first seed, so the oldest member, and runs the shard coordinator.
        cluster.Kill(0);
        await cluster.AwaitUnreachableAsync([1, 2], [0], ct);

        // Requests for partitions whose home a region had to ask for would get no answer and end as unknown outcomes.
        var history = new History(Bucket);
        var writes = new List<HistoryWrite>();
        for (var i = 0; i < Keys; i++)
        {
            var node = 1 + i % 2;
            writes.Add(await RecordedWrites.PutAsync(history, cluster.Client(node), node, $"k{i}", $"v{i}", context: null, w: null, ct));
        }
        var failed = writes.Where(w => w.Outcome != WriteOutcome.Acknowledged).ToList();
        Assert.True(failed.Count == 0,
            $"{failed.Count} of {Keys} writes not acknowledged: {string.Join("; ", failed.Take(5))}");

        var verdict = await Checker.CheckAsync(history, cluster, new CheckerOptions { R = 2 }, ct);
        Assert.True(verdict.IsValid, verdict.Describe());
    }
}
