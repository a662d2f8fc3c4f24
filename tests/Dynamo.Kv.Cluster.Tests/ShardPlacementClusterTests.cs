using Dynamo.Core.Partitioning;
using Dynamo.Protocol;
using static Dynamo.Kv.Cluster.Tests.Eventually;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>Cluster.Sharding places each partition's vnode entity on the partition's owner by Dynamo's claim.</summary>
public sealed class ShardPlacementClusterTests
{
    private const string Bucket = "b";
    private const int Keys = 24;

    [Fact(Timeout = 120_000)]
    public async Task Every_partition_runs_on_its_owner_and_the_ones_a_joining_node_claims_move_to_it_with_their_data()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        await nodes.PutAllAsync(Bucket, Keys);
        await AwaitPlacedOnOwnersAsync(nodes, 3);

        var joiner = await nodes.StartOneMoreAsync();
        await nodes.AwaitSameRingAsync(4);
        var ring = await AwaitPlacedOnOwnersAsync(nodes, 4);

        Assert.NotEmpty(ring.PartitionsOf(joiner.NodeId));
        for (var i = 0; i < Keys; i++)
        {
            var read = Assert.IsType<GetResult>(await joiner.AskAsync(Requests.Get(Bucket, $"k{i}", r: 3), KvNodes.AskTimeout));
            Assert.Equal([$"v{i}"], Requests.Values(read));
        }
    }

    // Every partition's shard in the region of its owner, as every node's view of the regions reports it.
    private static async Task<Ring> AwaitPlacedOnOwnersAsync(KvNodes nodes, int members)
    {
        var ring = (await nodes.Running[0].CurrentRingAsync(KvNodes.AskTimeout)).Ring!;
        Assert.Equal(members, ring.Members.Length);
        var last = "";
        await UntilAsync(async () =>
        {
            foreach (var node in nodes.Running)
            {
                var placement = await node.ShardPlacementAsync(TimeSpan.FromSeconds(3));
                var wrong = Enumerable.Range(0, ring.PartitionCount).Where(p => placement.GetValueOrDefault(p) != ring.OwnerOf(p)).ToList();
                last = $"{node.NodeId} sees {wrong.Count} partitions off their owners: " +
                    string.Join(", ", wrong.Select(p => $"{p} on {placement.GetValueOrDefault(p) ?? "none"}, owner {ring.OwnerOf(p)}"));
                if (wrong.Count > 0) return false;
            }
            return true;
        }, "every partition's entity runs on its owner", () => Task.FromResult(last), Form);
        return ring;
    }
}
