using System.Diagnostics;
using Dynamo.Client;
using Dynamo.Testing;
using Xunit.Abstractions;

namespace Dynamo.Cluster.Tests.Faults;

/// <summary>
/// Riak's kv679 "doomstone": a key is deleted, its tombstone reaped, and the key written again from an empty
/// clock by the same coordinator; a replica that was cut off before the reap still holds the tombstone, whose
/// dots are higher than the new value's would be if the coordinator counted its old ids from scratch. When the
/// replica comes back, the new value must survive on every node.
/// </summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class DoomstoneTests(ITestOutputHelper output)
{
    private const string Bucket = "doomstone";
    private const int Away = 3;

    [Fact]
    public async Task A_key_recreated_after_its_tombstone_was_reaped_keeps_its_new_value_when_a_replica_holding_the_old_tombstone_returns()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        var ct = timeout.Token;
        var clock = Stopwatch.StartNew();
        var reapDelay = TimeSpan.FromSeconds(3);
        await using var cluster = await ProcessCluster.StartAsync(4,
            new ProcessClusterOptions { Settings = [$"dynamo.kv.tombstone-reap-delay = {reapDelay.TotalMilliseconds:0}ms"] }, ct);
        var formed = clock.Elapsed;
        var ring = await Scenarios.RingAsync(cluster, 0, ct);
        var history = new History(Bucket);
        var awayId = cluster[Away].NodeId;
        var keys = Scenarios.KeysWhere(ring, Bucket, "d", 6, primaries => primaries.Contains(awayId));
        // Every write of a key goes through one primary that stays, so the old value, the delete and the new
        // value are all events of that coordinator's vnode: the case where reused dots would collide.
        var coordinatorOf = keys.ToDictionary(k => k, k => Scenarios.IndexOf(cluster, Scenarios.Primaries(ring, Bucket, k).First(p => p != awayId)));

        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var load = new WriteLoad(cluster, history, new WriteLoadOptions
        {
            Clients = 3, Keys = 12, Duration = TimeSpan.FromSeconds(40), Nodes = [0, 1, 2], W = _ => 2, R = _ => 2, Seed = 43,
        });
        var running = load.RunAsync(stopLoad.Token);

        foreach (var key in keys)
        {
            var node = coordinatorOf[key];
            var old = await RecordedWrites.PutAsync(history, cluster.Client(node), node, key, $"{key}-old", null, w: Scenarios.N, ct);
            Assert.True(old.Outcome == WriteOutcome.Acknowledged, old.ToString());
        }
        // W = N: every primary, the away node included, stores the tombstone, so each delete schedules its reap.
        var deletes = await Task.WhenAll(keys.Select(async key =>
        {
            var node = coordinatorOf[key];
            var read = await RecordedWrites.ReadAsync(history, cluster.Client(node), node, key, r: Scenarios.N, ct);
            return await RecordedWrites.DeleteAsync(history, cluster.Client(node), node, key, read.Context, w: Scenarios.N, ct);
        }));
        var deletedAt = DateTimeOffset.UtcNow;
        // Cut the away node off before the reap reaches it: it keeps the tombstone, the others drop it.
        await cluster.PartitionAsync([0, 1, 2], [Away], ct);
        var partitionedIn = DateTimeOffset.UtcNow - deletedAt;
        Assert.All(deletes, d => Assert.True(d.Outcome == WriteOutcome.Acknowledged, d.ToString()));
        Assert.True(partitionedIn < reapDelay, $"the partition took {partitionedIn.TotalMilliseconds:0} ms, longer than the reap delay");
        await cluster.AwaitUnreachableAsync([0, 1, 2], [Away], ct);
        await cluster.AwaitUnreachableAsync([Away], [0, 1, 2], ct);
        var sinceDelete = DateTimeOffset.UtcNow - deletedAt;
        if (sinceDelete < reapDelay + TimeSpan.FromSeconds(1)) await Task.Delay(reapDelay + TimeSpan.FromSeconds(1) - sinceDelete, ct);

        foreach (var key in keys)
        {
            var node = coordinatorOf[key];
            var reaped = await cluster.Client(node).GetAsync(Bucket, key, r: 2, ct);
            Assert.True(reaped.NotFound, $"{key} read {reaped.Status} through node {node} after the reap delay: the tombstone was not reaped");
            var kept = await cluster.Client(Away).GetAsync(Bucket, key, r: 1, ct);
            Assert.True(kept.Deleted, $"{key} read {kept.Status} on the cut-off node: it should still hold the tombstone");
        }

        // Re-created blind (a reaped key has no context) through the same coordinator, while the away node is cut off.
        var recreated = new Dictionary<string, HistoryWrite>();
        foreach (var key in keys)
        {
            var node = coordinatorOf[key];
            recreated[key] = await RecordedWrites.PutAsync(history, cluster.Client(node), node, key, $"{key}-new", null, w: 2, ct);
            Assert.True(recreated[key].Outcome == WriteOutcome.Acknowledged, recreated[key].ToString());
        }

        await cluster.HealAsync(ct);
        await cluster.AwaitConvergedAsync(ct);
        await stopLoad.CancelAsync();
        await running;
        await Scenarios.AwaitHintsDeliveredAsync(cluster, TimeSpan.FromSeconds(20), ct);

        var verdict = await Checker.CheckAsync(history, cluster, new CheckerOptions { R = 3, RepairFirst = true }, ct);
        output.WriteLine($"formed in {formed.TotalSeconds:0.0} s, partitioned {partitionedIn.TotalMilliseconds:0} ms after the deletes, "
            + $"whole scenario {clock.Elapsed.TotalSeconds:0.0} s, {load.OperationsStarted} load operations; {verdict.Describe()}");
        Assert.True(verdict.IsValid, Scenarios.Explain(verdict, history) + "\n" + cluster.Describe());
        foreach (var read in verdict.Reads.Where(r => keys.Contains(r.Key)))
            Assert.True(read.Status == DynamoObjectStatus.Found && read.Values.SequenceEqual([$"{read.Key}-new"]),
                $"{read.Key} read {read.Status} [{string.Join(", ", read.Values)}] on {read.Node}; expected only {read.Key}-new\n{history.Timeline(read.Key)}");
        // The returned node itself answers with the new value once repaired, not only the quorum around it.
        foreach (var key in keys)
        {
            var own = await cluster.Client(Away).GetAsync(Bucket, key, r: 1, ct);
            Assert.True(own.Found && own.Siblings.Count == 1, $"{key} read {own.Status} with {own.Siblings.Count} values on node {Away} at R = 1");
        }
    }
}
