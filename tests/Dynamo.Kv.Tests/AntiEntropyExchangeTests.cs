using System.Text;
using Akka.Actor;
using Dynamo.Core.Causality;
using Dynamo.Core.Partitioning;
using Dynamo.Core.Siblings;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>Exchanges between the replicas of a key range, on three logical nodes in this process.</summary>
public sealed class AntiEntropyExchangeTests
{
    private const string Bucket = "b";

    [Fact(Timeout = 60_000)]
    public async Task Replicas_with_disjoint_writes_converge_after_one_exchange_with_concurrent_versions_as_siblings()
    {
        await using var cluster = await KvCluster.StartAsync();
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        var other = KeyInSameRange(cluster, "k");
        await ReplicaPutAsync(cluster, list[0], "k", New("left", "x/1"));
        await ReplicaPutAsync(cluster, list[1], "k", New("right", "y/1"));
        await ReplicaPutAsync(cluster, list[1], other, New("only on one side", "y/2"));

        var result = await ExchangeAsync(cluster, "k", list[0], list[1]);

        Assert.True(result.Completed, result.Error);
        Assert.Equal(2, result.KeysRepaired);
        foreach (var replica in list.Take(2))
        {
            Assert.Equal(["left", "right"], Values(await ReadAsync(cluster, replica, "k")));
            Assert.Equal(["only on one side"], Values(await ReadAsync(cluster, replica, other)));
        }
        Assert.True((await ReadAsync(cluster, list[2], "k")).IsEmpty);
    }

    [Fact(Timeout = 60_000)]
    public async Task Exchange_between_equal_trees_exchanges_only_the_root_hash()
    {
        await using var cluster = await KvCluster.StartAsync();
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        foreach (var key in new[] { "k", KeyInSameRange(cluster, "k") }) await cluster.PutAsync("a", Bucket, key, "v", w: 3);

        var result = await ExchangeAsync(cluster, "k", list[0], list[2]);

        Assert.True(result.Completed, result.Error);
        Assert.Equal((1L, 0, 0), (result.HashesExchanged, result.SegmentsDiffering, result.KeysRepaired));
    }

    [Fact(Timeout = 60_000)]
    public async Task Replica_whose_storage_was_wiped_is_refilled_without_any_read()
    {
        await using var cluster = await KvCluster.StartAsync();
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        string[] keys = ["k", KeyInSameRange(cluster, "k"), KeyInSameRange(cluster, "k", skip: 1)];
        foreach (var key in keys) await cluster.PutAsync("a", Bucket, key, "v-" + key, w: 3);
        var wiped = list[2];
        // The vnode deletes its events and snapshots and forgets its keys, as after a lost data directory.
        await cluster.VNode(wiped.Node, wiped.Partition).Ask<ReplicaDropped>(DropReplica.Instance, KvCluster.AskTimeout);
        Assert.Empty(await VNodeJournal.LiveObjectsAsync(cluster.SystemOf(wiped.Node), wiped.Partition));

        var result = await ExchangeAsync(cluster, "k", list[0], wiped);

        Assert.True(result.Completed, result.Error);
        Assert.Equal(keys.Length, result.KeysRepaired);
        foreach (var key in keys) Assert.Equal(["v-" + key], Values(await ReadAsync(cluster, wiped, key)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Tombstone_is_propagated_and_the_deleted_value_does_not_come_back()
    {
        await using var cluster = await KvCluster.StartAsync();
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        await cluster.PutAsync("a", Bucket, "k", "doomed", w: 3);
        var stored = await ReadAsync(cluster, list[0], "k");
        await ReplicaPutAsync(cluster, list[0], "k", stored.Delete(stored.Context, 2, "x/9"));

        Assert.True((await ExchangeAsync(cluster, "k", list[0], list[1])).Completed);
        Assert.True((await ExchangeAsync(cluster, "k", list[1], list[2])).Completed);

        foreach (var replica in list) Assert.True((await ReadAsync(cluster, replica, "k")).IsDeleted);
        Assert.NotEqual(ObjectStatus.Found, (await cluster.GetAsync("a", Bucket, "k", r: 3)).Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task Tombstone_is_not_sent_to_a_replica_that_holds_nothing()
    {
        await using var cluster = await KvCluster.StartAsync();
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        await ReplicaPutAsync(cluster, list[0], "k", New("v", "x/1").Delete(New("v", "x/1").Context, 2, "x/2"));

        var result = await ExchangeAsync(cluster, "k", list[0], list[1]);

        Assert.True(result.Completed, result.Error);
        Assert.Equal(0, result.KeysRepaired);
        Assert.True((await ReadAsync(cluster, list[1], "k")).IsEmpty);
    }

    [Fact(Timeout = 60_000)]
    public async Task Key_of_a_bucket_with_a_smaller_n_val_is_not_copied_beyond_its_replicas()
    {
        await using var cluster = await KvCluster.StartAsync();
        await cluster.SetBucketPropsAsync("two", new BucketProps { N = 2, R = 1, W = 1 });
        var range = cluster.Ring.PartitionOf("two"u8, "k"u8);
        var list = PreferenceList.ForPartition(cluster.Ring, range, 3).Entries;
        await cluster.VNode(list[0].Node, list[0].Partition).Ask<ReplicaPutAck>(new ReplicaPut("two", "k"u8.ToArray(), New("v", "x/1")), KvCluster.AskTimeout);

        var third = await cluster.Router(list[0].Node).Ask<ExchangeResult>(
            new StartExchange(range, list[0].Partition, list[2].Node, list[2].Partition), KvCluster.AskTimeout);
        var second = await cluster.Router(list[0].Node).Ask<ExchangeResult>(
            new StartExchange(range, list[0].Partition, list[1].Node, list[1].Partition), KvCluster.AskTimeout);

        Assert.Equal((true, 0), (third.Completed, third.KeysRepaired));
        Assert.Equal((true, 1), (second.Completed, second.KeysRepaired));
        Assert.True((await cluster.ReadReplicaAsync(list[2].Node, list[2].Partition, "two", "k")).Object.IsEmpty);
        Assert.Equal(["v"], Values((await cluster.ReadReplicaAsync(list[1].Node, list[1].Partition, "two", "k")).Object));
    }

    [Fact(Timeout = 60_000)]
    public async Task Scheduled_exchanges_repair_a_key_written_to_one_replica_only()
    {
        // Nodes install the ring one after another: an exchange with a vnode not started yet times out and the next one goes on.
        await using var cluster = await KvCluster.StartAsync(
            antiEntropy: new AntiEntropySettings { Interval = TimeSpan.FromMilliseconds(20), ExchangeTimeout = TimeSpan.FromSeconds(1) });
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        await ReplicaPutAsync(cluster, list[1], "k", New("v", "x/1"));

        await Eventually.AssertAsync(async () =>
        {
            foreach (var replica in list) Assert.Equal(["v"], Values(await ReadAsync(cluster, replica, "k")));
        }, TimeSpan.FromSeconds(20));
        var stats = await cluster.Router(list[0].Node).Ask<AntiEntropyStats>(GetAntiEntropyStats.Instance, KvCluster.AskTimeout);
        Assert.True(stats.ExchangesCompleted > 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Exchange_with_an_unknown_node_fails_and_says_why()
    {
        await using var cluster = await KvCluster.StartAsync();

        var result = await cluster.Router("a").Ask<ExchangeResult>(new StartExchange(0, 0, "nowhere", 1), KvCluster.AskTimeout);

        Assert.False(result.Completed);
        Assert.Contains("nowhere", result.Error);
    }

    [Fact]
    public void Every_pair_of_replicas_of_every_range_is_visited_by_exactly_one_of_its_nodes()
    {
        var ring = new Claimant(16).Claim(null, ["a", "b", "c", "d"]);

        var pairs = ring.Members.SelectMany(node => AntiEntropyExchange.PairsOf(ring, node, 3).Select(p => (node, p))).ToList();

        var expected = Enumerable.Range(0, 16).SelectMany(range =>
        {
            var entries = PreferenceList.ForPartition(ring, range, 3).Entries;
            return entries.SelectMany(x => entries.Where(y => string.CompareOrdinal(x.Node, y.Node) < 0)
                .Select(y => (x.Node, new StartExchange(range, x.Partition, y.Node, y.Partition))));
        }).ToHashSet();
        Assert.Equal(expected.Count, pairs.Count);
        Assert.True(expected.SetEquals(pairs));
    }

    private static Task<ExchangeResult> ExchangeAsync(KvCluster cluster, string key, PreferenceListEntry local, PreferenceListEntry peer) =>
        cluster.Router(local.Node).Ask<ExchangeResult>(
            new StartExchange(cluster.PreferenceListOf(Bucket, key).KeyPartition, local.Partition, peer.Node, peer.Partition), KvCluster.AskTimeout);

    private static async Task ReplicaPutAsync(KvCluster cluster, PreferenceListEntry replica, string key, SiblingSet value) =>
        await cluster.VNode(replica.Node, replica.Partition).Ask<ReplicaPutAck>(new ReplicaPut(Bucket, Encoding.UTF8.GetBytes(key), value), KvCluster.AskTimeout);

    private static async Task<SiblingSet> ReadAsync(KvCluster cluster, PreferenceListEntry replica, string key) =>
        (await cluster.ReadReplicaAsync(replica.Node, replica.Partition, Bucket, key)).Object;

    // Another key hashing into the same range, so that one exchange covers both.
    private static string KeyInSameRange(KvCluster cluster, string key, int skip = 0)
    {
        var range = cluster.PreferenceListOf(Bucket, key).KeyPartition;
        return Enumerable.Range(0, 10_000).Select(i => "other-" + i)
            .Where(k => cluster.PreferenceListOf(Bucket, k).KeyPartition == range).Skip(skip).First();
    }

    private static SiblingSet New(string value, string actor) =>
        SiblingSet.Empty.Update(CausalContext.Empty, new Sibling(Encoding.UTF8.GetBytes(value), SiblingMetadata.Value(1, "text/plain")), actor);

    private static List<string> Values(SiblingSet set) =>
        [.. set.Siblings.Where(s => !s.IsTombstone).Select(s => Encoding.UTF8.GetString(s.Value.Span)).Order(StringComparer.Ordinal)];
}
