using Dynamo.Actors.Cluster;
using Dynamo.Kv.Membership;
using static Dynamo.Kv.Cluster.Tests.Eventually;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>A node stopped and restarted on the same address, as the ring of every node sees it.</summary>
public sealed class RestartRingClusterTests : IDisposable
{

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-kv-restart-ring-" + Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 90_000)]
    public async Task A_node_restarted_on_the_same_port_keeps_its_partitions_and_no_ring_changes_meanwhile()
    {
        await using var nodes = await KvNodes.StartAsync(3, _directory);
        var current = await nodes.Running[0].CurrentRingAsync(KvNodes.AskTimeout);
        var before = current.Ring!;
        // The middle one in claim order: were it to rejoin as the youngest member, the replayed ring would differ.
        var victim = nodes.Running.Single(n => n.NodeId == current.ClaimOrder[1]);
        var victimId = victim.NodeId;
        var oldIncarnation = victim.Cluster.SelfUniqueAddress;
        int oldUpNumber = victim.Cluster.SelfMember!.UpNumber;
        int victimPort = victim.System.Address.Port!.Value;
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
        var restarted = await nodes.StartNodeAsync(victimPort, nodes.SeedPort == victimPort ? survivors[0].System.Address.Port!.Value : nodes.SeedPort, _directory);
        Assert.Equal(victimId, restarted.NodeId);
        Assert.NotEqual(oldIncarnation, restarted.Cluster.SelfUniqueAddress);
        await UntilAsync(() => nodes.Running.All(n =>
                n.Cluster.State.Members.Any(m => m.UniqueAddress.Equals(restarted.Cluster.SelfUniqueAddress) && m.Status == MemberStatus.Up)
                && n.Cluster.State.Members.All(m => !m.UniqueAddress.Equals(oldIncarnation))),
            "every node sees the new incarnation Up and the old one removed");
        await nodes.AwaitSameRingAsync(3);
        stopSampling.Cancel();
        await sampling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(oldUpNumber, restarted.Cluster.SelfMember!.UpNumber);
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
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
