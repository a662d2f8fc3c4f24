using System.Text;
using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Hints;
using Dynamo.Kv.Membership;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;
using static Dynamo.Kv.Cluster.Tests.Eventually;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>Sloppy quorum and hinted handoff across three nodes on loopback TCP and SQLite.</summary>
public sealed class HintedHandoffClusterTests : IDisposable
{
    // n = 2 on three nodes, so every key the stopped node owns has the third node as its fallback.
    private const string Bucket = "hinted";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-kv-hints-" + Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 110_000)]
    public async Task Writes_go_to_fallbacks_while_a_node_is_down_and_reach_its_own_replicas_once_it_restarts()
    {
        await using var nodes = await KvNodes.StartAsync(3, _directory);
        foreach (var node in nodes.Running)
            Assert.IsType<BucketPropsResult>(await node.AskAsync(
                new SetBucketProps { Bucket = Bucket, Props = new BucketProps { N = 2, R = 2, W = 2 } }, KvNodes.AskTimeout));
        var victim = nodes.Running[2];
        var victimId = victim.NodeId;
        int victimPort = victim.Cluster.SelfAddress.Port!.Value;
        int seedPort = nodes.Running.First(n => n != victim).Cluster.SelfAddress.Port!.Value;
        var ring = (await nodes.Running[0].CurrentRingAsync(KvNodes.AskTimeout)).Ring!;

        await nodes.KillAsync(victim);
        var survivors = nodes.Running.ToList();
        await UntilAsync(() => survivors.All(s => !new ClusterNodeDirectory(s.System).IsReachable(victimId)), "the survivors see the stopped node unreachable");

        var keys = Enumerable.Range(0, 12).Select(i => $"k{i}").ToList();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            var put = await survivors[i % 2].AskAsync(Requests.Put(Bucket, key, $"v-{key}", w: 2), KvNodes.AskTimeout);
            Assert.True(put is PutResult, $"put {key} with w=2 while {victimId} is down: {put}");
        }
        var owned = keys
            .Select(k => (Key: k, Replica: PreferenceList.ForPartition(ring, ring.PartitionOf(Encoding.UTF8.GetBytes(Bucket), Encoding.UTF8.GetBytes(k)), 2)
                .Entries.FirstOrDefault(e => e.Node == victimId)))
            .Where(k => k.Replica is not null)
            .Select(k => (k.Key, k.Replica!.Partition))
            .ToList();
        Assert.NotEmpty(owned);
        // One hint per key the stopped node owns; the count settles once the stores that overlapped a check are recounted.
        await UntilAsync(async () => await PendingForAsync(survivors, victimId) == owned.Count, $"{owned.Count} hints wait for {victimId}",
            () => DescribeAsync(survivors, victimId));

        var restarted = await nodes.StartNodeAsync(victimPort, seedPort, _directory);
        Assert.Equal(victimId, restarted.NodeId);
        await nodes.AwaitSameRingAsync(3);
        // Should the rejoin move partitions, hints follow their partition's owner.
        var after = (await restarted.CurrentRingAsync(KvNodes.AskTimeout)).Ring!;
        await UntilAsync(async () => await PendingForAsync(survivors, victimId) == 0, "every hint for the restarted node was delivered",
            () => DescribeAsync(survivors, victimId));

        // The restarted node itself, unless the rejoin moved the partition: then its new owner, once any
        // ownership transfer of that partition has finished.
        async Task<List<string>> MissingAsync()
        {
            var missing = new List<string>();
            foreach (var (key, partition) in owned)
            {
                var holder = nodes.Running.Single(n => n.NodeId == after.OwnerOf(partition));
                var replica = await holder.System.ActorSelection(KvPaths.VNode(partition))
                    .Ask<ReplicaGetResult>(new ReplicaGet(Bucket, Encoding.UTF8.GetBytes(key)), KvNodes.AskTimeout);
                var values = replica.Object.Siblings.Where(s => !s.IsTombstone).Select(s => Encoding.UTF8.GetString(s.Value.Span)).ToList();
                if (values is not [var only] || only != $"v-{key}") missing.Add($"{key} on {holder.NodeId}/{partition}: [{string.Join(", ", values)}]");
            }
            return missing;
        }
        await UntilAsync(async () => (await MissingAsync()).Count == 0, "every hinted key is on its partition's owner",
            async () => string.Join("; ", await MissingAsync()));
        // Keys whose replicas the rejoin did not move read back in full from the restarted node, both replicas answering.
        foreach (var key in keys.Where(k => Primaries(ring, k).SequenceEqual(Primaries(after, k))))
        {
            var read = await restarted.AskAsync(Requests.Get(Bucket, key, r: 2), KvNodes.AskTimeout);
            Assert.Equal([$"v-{key}"], Requests.Values(Assert.IsType<GetResult>(read)));
        }
        var stats = new List<HintStats>();
        foreach (var survivor in survivors)
            stats.Add(await survivor.Router.Ask<HintStats>(GetHintStats.Instance, KvNodes.AskTimeout));
        // At least: a read that briefly saw a member unreachable may add a read-repair hint of its own.
        Assert.True(stats.Sum(s => s.Delivered) >= owned.Count, $"{owned.Count} keys hinted, delivered: {string.Join("; ", stats)}");
    }

    private static IEnumerable<string> Primaries(Ring ring, string key) =>
        PreferenceList.ForPartition(ring, ring.PartitionOf(Encoding.UTF8.GetBytes(Bucket), Encoding.UTF8.GetBytes(key)), 2).Entries.Select(e => e.Node);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private static async Task<long> PendingForAsync(IEnumerable<Hosting.KvNode> nodes, string owner)
    {
        long pending = 0;
        foreach (var node in nodes)
            pending += (await node.Router.Ask<HintStats>(GetHintStats.Instance, KvNodes.AskTimeout)).Pending.GetValueOrDefault(owner);
        return pending;
    }

    private static async Task<string> DescribeAsync(IEnumerable<Hosting.KvNode> nodes, string owner)
    {
        var lines = new List<string>();
        foreach (var node in nodes)
        {
            var stats = await node.Router.Ask<HintStats>(GetHintStats.Instance, KvNodes.AskTimeout);
            var state = node.Cluster.State;
            lines.Add($"{node.NodeId} sees {owner} reachable={new ClusterNodeDirectory(node.System).IsReachable(owner)}, " +
                $"stored {stats.Stored}, delivered {stats.Delivered}, failed batches {stats.FailedBatches}, pending {stats.PendingTotal}; " +
                $"members [{string.Join(", ", state.Members)}], unreachable [{string.Join(", ", state.Unreachable)}]");
        }
        return string.Join(" | ", lines);
    }
}
