using System.Text;
using Akka.Cluster;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Membership;
using Dynamo.Protocol;
using static Dynamo.Kv.Cluster.Tests.Eventually;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>A node stopped and restarted on the same address, as the ring of every node sees it.</summary>
public sealed class RestartRingClusterTests : IDisposable
{
    private const string Bucket = "b";
    private const int Keys = 24;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-kv-restart-ring-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// While a node is down its old incarnation stays a (unreachable) member, and once it restarts Akka.Cluster downs
    /// and removes the old incarnation and admits the new one: the ring is about node ids, so no survivor routes by
    /// another ring at any moment of that, the node keeps its partitions, and every key written before the stop
    /// reads back in full.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task A_node_restarted_on_the_same_port_keeps_its_partitions_and_no_ring_changes_meanwhile()
    {
        await using var nodes = await KvNodes.StartAsync(3, _directory);
        await nodes.PutAllAsync(Bucket, Keys);
        var current = await nodes.Running[0].CurrentRingAsync(KvNodes.AskTimeout);
        var before = current.Ring!;
        // The middle one in claim order: were it to rejoin in another place, the replayed ring would differ.
        var victim = nodes.Running.Single(n => n.NodeId == current.ClaimOrder[1]);
        var victimId = victim.NodeId;
        var oldIncarnation = victim.Cluster.SelfUniqueAddress;
        int victimPort = victim.Cluster.SelfAddress.Port!.Value;
        var survivors = nodes.Running.Where(n => n != victim).ToList();
        var partitions = before.PartitionsOf(victimId);
        Assert.NotEmpty(partitions);

        // Every ring any survivor routes by, sampled from the kill until the new incarnation replaced the old one.
        using var stopSampling = new CancellationTokenSource();
        var sampled = new List<(string Node, CurrentRing Ring)>();
        var sampling = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                foreach (var survivor in survivors)
                    sampled.Add((survivor.NodeId, await survivor.CurrentRingAsync(KvNodes.AskTimeout)));
                await Task.Delay(50);
            }
        });

        await nodes.KillAsync(victim);
        await UntilAsync(() => survivors.All(s => s.Cluster.State.Unreachable.Any(m => m.UniqueAddress.Equals(oldIncarnation))),
            "the survivors see the stopped node unreachable");
        var restarted = await nodes.StartNodeAsync(victimPort, nodes.SeedPort == victimPort ? survivors[0].Cluster.SelfAddress.Port!.Value : nodes.SeedPort, _directory);
        Assert.Equal(victimId, restarted.NodeId);
        Assert.NotEqual(oldIncarnation, restarted.Cluster.SelfUniqueAddress);
        await UntilAsync(() => nodes.Running.All(n =>
                n.Cluster.State.Members.Any(m => m.UniqueAddress.Equals(restarted.Cluster.SelfUniqueAddress) && m.Status == MemberStatus.Up)
                && n.Cluster.State.Members.All(m => !m.UniqueAddress.Equals(oldIncarnation))),
            "every node sees the new incarnation Up and the old one removed");
        await nodes.AwaitSameRingAsync(3);
        stopSampling.Cancel();
        await sampling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(sampled.Count >= survivors.Count, $"only {sampled.Count} rings sampled");
        foreach (var (node, ring) in sampled)
        {
            Assert.True(ring.Ring is not null && ring.Ring.Owners.SequenceEqual(before.Owners),
                $"{node} routed by another ring while {victimId} restarted: claim order [{string.Join(", ", ring.ClaimOrder)}]");
        }
        foreach (var node in nodes.Running)
        {
            var now = await node.CurrentRingAsync(KvNodes.AskTimeout);
            Assert.Equal([.. before.Owners], [.. now.Ring!.Owners]);
            Assert.Equal(partitions, now.Ring.PartitionsOf(victimId));
        }

        // The restarted node kept its data: every replica of every key still holds it, and it reads back in full.
        async Task<List<string>> MissingAsync()
        {
            var missing = new List<string>();
            for (var i = 0; i < Keys; i++)
            {
                var key = Encoding.UTF8.GetBytes($"k{i}");
                foreach (var entry in PreferenceList.ForPartition(before, before.PartitionOf(Encoding.UTF8.GetBytes(Bucket), key), 3).Entries)
                {
                    var holder = nodes.Running.Single(n => n.NodeId == entry.Node);
                    if (await VNodeJournal.ObjectAsync(holder.System, entry.Partition, ObjectKey.Encode(Bucket, key)) is null)
                        missing.Add($"k{i} on {entry.Node}/{entry.Partition}");
                }
            }
            return missing;
        }
        Assert.Empty(await MissingAsync());
        for (var i = 0; i < Keys; i++)
        {
            var read = Assert.IsType<GetResult>(await restarted.AskAsync(Requests.Get(Bucket, $"k{i}", r: 3), KvNodes.AskTimeout));
            Assert.Equal([$"v{i}"], Requests.Values(read));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
