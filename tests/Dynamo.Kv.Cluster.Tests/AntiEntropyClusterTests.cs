using System.Text;
using Akka.Actor;
using Dynamo.Core.Causality;
using Dynamo.Core.Partitioning;
using Dynamo.Core.Siblings;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.Hosting;
using Dynamo.Kv.Membership;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>Anti-entropy exchanges between nodes on loopback TCP: trees, segment objects and repairs cross the wire.</summary>
public sealed class AntiEntropyClusterTests
{
    private const string Bucket = "aae";

    [Fact(Timeout = 90_000)]
    public async Task Exchange_over_tcp_makes_two_diverged_replicas_equal_keeping_concurrent_versions()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        var ring = (await nodes.Running[0].CurrentRingAsync(KvNodes.AskTimeout)).Ring!;
        var range = ring.PartitionOf(Encoding.UTF8.GetBytes(Bucket), "k"u8);
        var list = PreferenceList.ForPartition(ring, range, 3).Entries;
        var (left, right) = (NodeOf(nodes, list[0]), NodeOf(nodes, list[1]));
        await PutLocalAsync(left, list[0], "k", New("left", "x/1"));
        await PutLocalAsync(right, list[1], "k", New("right", "y/1"));
        await PutLocalAsync(right, list[1], "only-right", New("only right", "y/2"), range);

        var result = await left.Router.Ask<ExchangeResult>(new StartExchange(range, list[0].Partition, list[1].Node, list[1].Partition), KvNodes.AskTimeout);

        Assert.True(result.Completed, result.Error);
        Assert.True(result.HashesExchanged > 1);
        var leftObject = await ReadLocalAsync(left, list[0], "k");
        Assert.Equal(leftObject, await ReadLocalAsync(right, list[1], "k"));
        Assert.Equal(["left", "right"], Values(leftObject));
        Assert.Equal(["only right"], Values(await ReadLocalAsync(left, list[0], KeyInRange(ring, range, "only-right"))));

        var again = await left.Router.Ask<ExchangeResult>(new StartExchange(range, list[0].Partition, list[1].Node, list[1].Partition), KvNodes.AskTimeout);
        Assert.Equal((1L, 0), (again.HashesExchanged, again.KeysRepaired));
        var stats = await left.Router.Ask<AntiEntropyStats>(GetAntiEntropyStats.Instance, KvNodes.AskTimeout);
        Assert.Equal(2, stats.ExchangesCompleted);
        Assert.Contains(list[0].Partition, stats.LastExchange.Keys);
    }

    private static KvNode NodeOf(KvNodes nodes, PreferenceListEntry entry) => nodes.Running.Single(n => n.NodeId == entry.Node);

    // A vnode of a node is reached through that node's own directory, as a local actor.
    private static async Task PutLocalAsync(KvNode node, PreferenceListEntry replica, string key, SiblingSet value, int? range = null)
    {
        var ring = (await node.CurrentRingAsync(KvNodes.AskTimeout)).Ring!;
        var actual = range is null ? key : KeyInRange(ring, range.Value, key);
        await new ClusterNodeDirectory(node.System).VNodeOf(replica.Node, replica.Partition)!
            .Ask<ReplicaPutAck>(new ReplicaPut(Bucket, Encoding.UTF8.GetBytes(actual), value), KvNodes.AskTimeout);
    }

    private static async Task<SiblingSet> ReadLocalAsync(KvNode node, PreferenceListEntry replica, string key) =>
        (await new ClusterNodeDirectory(node.System).VNodeOf(replica.Node, replica.Partition)!
            .Ask<ReplicaGetResult>(new ReplicaGet(Bucket, Encoding.UTF8.GetBytes(key)), KvNodes.AskTimeout)).Object;

    // The first key with this prefix that hashes into the range, so one exchange of the range covers it.
    private static string KeyInRange(Ring ring, int range, string prefix) =>
        Enumerable.Range(0, 10_000).Select(i => $"{prefix}-{i}")
            .First(k => ring.PartitionOf(Encoding.UTF8.GetBytes(Bucket), Encoding.UTF8.GetBytes(k)) == range);

    private static SiblingSet New(string value, string actor) =>
        SiblingSet.Empty.Update(CausalContext.Empty, new Sibling(Encoding.UTF8.GetBytes(value), SiblingMetadata.Value(1, "text/plain")), actor);

    private static List<string> Values(SiblingSet set) =>
        [.. set.Siblings.Where(s => !s.IsTombstone).Select(s => Encoding.UTF8.GetString(s.Value.Span)).Order(StringComparer.Ordinal)];
}
