using Akka.Actor;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>Tombstone reaping, late replays of old versions, and counted read repair, on three logical nodes.</summary>
public sealed class KvClusterReapingTests
{
    private const string Bucket = "b";
    private static readonly TimeSpan ReapDelay = TimeSpan.FromMilliseconds(200);

    [Fact(Timeout = 60_000)]
    public async Task Delete_acknowledged_by_every_primary_is_reaped_from_each_after_the_delay()
    {
        await using var cluster = await KvCluster.StartAsync(tombstoneReapDelay: ReapDelay);
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        await cluster.PutAsync("a", Bucket, "k", "v", w: 3);
        var read = await cluster.GetAsync("a", Bucket, "k");

        Assert.IsType<DeleteResult>(await cluster.Ask("b", Requests.Delete(Bucket, "k", read.Context, w: 3)));

        await Eventually.AssertAsync(async () =>
        {
            foreach (var replica in list)
            {
                Assert.True((await cluster.ReadReplicaAsync(replica.Node, replica.Partition, Bucket, "k")).Object.IsEmpty);
            }
        });
        var after = await cluster.GetAsync("c", Bucket, "k");
        Assert.Equal(ObjectStatus.NotFound, after.Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task Write_between_the_delete_and_its_reap_survives_the_reap()
    {
        await using var cluster = await KvCluster.StartAsync(tombstoneReapDelay: ReapDelay);
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        await cluster.PutAsync("a", Bucket, "k", "v1", w: 3);
        var read = await cluster.GetAsync("a", Bucket, "k");
        var deleted = Assert.IsType<DeleteResult>(await cluster.Ask("b", Requests.Delete(Bucket, "k", read.Context, w: 3)));

        await cluster.PutAsync("c", Bucket, "k", "v2", deleted.Context, w: 3);
        await Task.Delay(ReapDelay * 3);

        Assert.Equal(["v2"], Requests.Values(await cluster.GetAsync("a", Bucket, "k", r: 3)));
        foreach (var replica in list) Assert.Equal(["v2"], Values(await ReplicaObjectAsync(cluster, replica)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Key_recreated_after_its_reap_keeps_its_new_value_when_old_versions_are_replayed()
    {
        await using var cluster = await KvCluster.StartAsync(tombstoneReapDelay: ReapDelay);
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        await cluster.PutAsync(list[0].Node, Bucket, "k", "old", w: 3);
        var oldValue = await ReplicaObjectAsync(cluster, list[1]);
        var read = await cluster.GetAsync("a", Bucket, "k");
        await cluster.Ask(list[0].Node, Requests.Delete(Bucket, "k", read.Context, w: 3));
        var oldTombstone = await ReplicaObjectAsync(cluster, list[1]);
        Assert.True(oldTombstone.IsDeleted);
        await Eventually.AssertAsync(async () =>
        {
            foreach (var replica in list) Assert.True((await ReplicaObjectAsync(cluster, replica)).IsEmpty);
        });

        await cluster.PutAsync(list[0].Node, Bucket, "k", "new", w: 3);
        // An old hint or handoff delivers the reaped tombstone late, to every replica.
        await ReplayAsync(cluster, list, oldTombstone);

        Assert.Equal(["new"], Requests.Values(await cluster.GetAsync(list[2].Node, Bucket, "k")));

        // The value the delete removed comes back too: the new value is never lost to it.
        await ReplayAsync(cluster, list, oldValue);
        Assert.Contains("new", Requests.Values(await cluster.GetAsync(list[1].Node, Bucket, "k")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Replica_that_missed_the_delete_comes_back_with_the_old_value_and_the_key_stays_deleted()
    {
        await using var cluster = await KvCluster.StartAsync(requestTimeout: TimeSpan.FromSeconds(1), tombstoneReapDelay: ReapDelay);
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        var missed = list[2];
        await cluster.PutAsync(list[0].Node, Bucket, "k", "v", w: 3);
        var read = await cluster.GetAsync(list[0].Node, Bucket, "k");
        cluster.Directory.Blackhole(missed.Node, missed.Partition);
        Assert.IsType<DeleteResult>(await cluster.Ask(list[0].Node, Requests.Delete(Bucket, "k", read.Context, w: 2)));
        cluster.Directory.Restore(missed.Node, missed.Partition);
        var oldValue = await ReplicaObjectAsync(cluster, missed);
        Assert.Equal(["v"], Values(oldValue));

        // The stale replica is a read repair source now: the tombstone wins, and the replica is repaired.
        var after = await cluster.GetAsync(list[1].Node, Bucket, "k", r: 3);

        Assert.Equal(ObjectStatus.Deleted, after.Status);
        await Eventually.AssertAsync(async () => Assert.True((await ReplicaObjectAsync(cluster, missed)).IsDeleted));
        // Not every primary acknowledged the delete, so no replica reaped it: a replay still loses.
        await Task.Delay(ReapDelay * 2);
        await ReplayAsync(cluster, list, oldValue);
        Assert.True((await ReplicaObjectAsync(cluster, list[0])).IsDeleted);
        Assert.Equal(ObjectStatus.Deleted, (await cluster.GetAsync(list[2].Node, Bucket, "k")).Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task Stale_replica_is_repaired_after_the_read_and_the_node_counts_it()
    {
        await using var cluster = await KvCluster.StartAsync();
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        var stale = list[2];
        await cluster.PutAsync(list[0].Node, Bucket, "k", "v1", w: 3);
        var first = await cluster.GetAsync(list[0].Node, Bucket, "k");
        cluster.Directory.Blackhole(stale.Node, stale.Partition);
        await cluster.PutAsync(list[0].Node, Bucket, "k", "v2", first.Context, w: 2);
        cluster.Directory.Restore(stale.Node, stale.Partition);
        var before = await cluster.Router(list[0].Node).Ask<ReadRepairStats>(GetReadRepairStats.Instance, KvCluster.AskTimeout);

        var got = await cluster.GetAsync(list[0].Node, Bucket, "k", r: 3);

        Assert.Equal(["v2"], Requests.Values(got));
        await Eventually.AssertAsync(async () => Assert.Equal(["v2"], Values(await ReplicaObjectAsync(cluster, stale))));
        var after = await cluster.Router(list[0].Node).Ask<ReadRepairStats>(GetReadRepairStats.Instance, KvCluster.AskTimeout);
        Assert.Equal(before.Stale + 1, after.Stale);
        Assert.Equal(before.Missing, after.Missing);
    }

    private static async Task<SiblingSet> ReplicaObjectAsync(KvCluster cluster, Core.Partitioning.PreferenceListEntry replica) =>
        (await cluster.ReadReplicaAsync(replica.Node, replica.Partition, Bucket, "k")).Object;

    private static async Task ReplayAsync(KvCluster cluster, IEnumerable<Core.Partitioning.PreferenceListEntry> replicas, SiblingSet old)
    {
        foreach (var replica in replicas)
        {
            await cluster.VNode(replica.Node, replica.Partition)
                .Ask<ReplicaPutAck>(new ReplicaPut(Bucket, "k"u8.ToArray(), old), KvCluster.AskTimeout);
        }
    }

    private static IReadOnlyList<string> Values(SiblingSet set) =>
        [.. set.Siblings.Where(s => !s.IsTombstone).Select(s => Requests.Text(s.Value.ToArray())).Order(StringComparer.Ordinal)];
}
