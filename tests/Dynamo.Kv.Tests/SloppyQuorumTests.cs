using System.Text;
using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Hints;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>Four logical nodes (so every key has a fallback) with one primary marked unreachable.</summary>
public sealed class SloppyQuorumTests
{
    private const string Bucket = "b";
    private const string Key = "k";

    private static readonly HintedHandoffSettings FastHandoff = new()
    {
        CheckInterval = TimeSpan.FromMilliseconds(50),
        DeliveryTimeout = TimeSpan.FromSeconds(2),
        MinBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
    };

    [Fact(Timeout = 60_000)]
    public async Task A_write_with_one_primary_unreachable_is_stored_as_a_hint_on_the_fallback_and_counts_toward_w()
    {
        await using var cluster = await KvCluster.StartAsync(nodeCount: 4, hintedHandoff: FastHandoff);
        var (coordinator, down, fallback, partition) = Sloppy(cluster);
        cluster.Local.SetReachable(down, false);

        // w = 3 with only two primaries reachable: the fallback's acknowledgement is the third.
        var put = await cluster.PutAsync(coordinator, Bucket, Key, "v1", w: 3);

        var hint = Assert.Single(await HintJournal.WaitingAsync(cluster.SystemOf(fallback)));
        Assert.Equal((down, partition), (hint.Owner, hint.Partition));
        Assert.Equal(ObjectKey.Encode(Bucket, Encoding.UTF8.GetBytes(Key)), hint.Key);
        var hinted = SiblingSetSerializer.Deserialize(hint.Object);
        Assert.Equal(["v1"], hinted.Siblings.Select(s => Requests.Text(s.Value.ToArray())));
        Assert.Equal(put.Context.ToByteArray(), hinted.Context.ToBytes());
        Assert.True((await cluster.ReadReplicaAsync(down, partition, Bucket, Key)).Object.IsEmpty, "the unreachable owner was not written");
        // The fallback holds the write as a hint only, not as a replica of the owner's partition.
        Assert.Empty(await VNodeJournal.EventsAsync(cluster.SystemOf(fallback), partition));
    }

    [Fact(Timeout = 60_000)]
    public async Task Pw_of_three_with_one_primary_unreachable_fails_naming_primaries_answered_and_needed()
    {
        await using var cluster = await KvCluster.StartAsync(nodeCount: 4, hintedHandoff: FastHandoff);
        var (coordinator, down, fallback, _) = Sloppy(cluster);
        await cluster.SetBucketPropsAsync(Bucket, new BucketProps { N = 3, R = 2, W = 2, Pw = 3 });
        cluster.Local.SetReachable(down, false);

        var reply = await cluster.Ask(coordinator, Requests.Put(Bucket, Key, "v1"));

        var failure = Assert.IsType<KvFailure>(reply);
        Assert.Equal(KvFailure.ReasonOneofCase.QuorumNotMet, failure.ReasonCase);
        Assert.Equal((0u, 3u), (failure.QuorumNotMet.Answered, failure.QuorumNotMet.Needed));
        Assert.Contains("0 of 3 primaries needed by pw answered (2 primaries reachable)", failure.Message);
        var stats = await cluster.HintStatsAsync(fallback);
        Assert.Equal(0, stats.Stored);
        Assert.Empty(stats.Pending);
        Assert.Empty(await HintJournal.EventsAsync(cluster.SystemOf(fallback)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Pr_of_three_with_one_primary_unreachable_fails_while_r_of_three_succeeds_through_the_fallback()
    {
        await using var cluster = await KvCluster.StartAsync(nodeCount: 4, hintedHandoff: FastHandoff);
        var (coordinator, down, _, _) = Sloppy(cluster);
        cluster.Local.SetReachable(down, false);
        await cluster.PutAsync(coordinator, Bucket, Key, "v1", w: 3);

        var sloppy = await cluster.GetAsync(coordinator, Bucket, Key, r: 3);
        await cluster.SetBucketPropsAsync(Bucket, new BucketProps { N = 3, R = 2, W = 2, Pr = 3 });
        var strict = await cluster.Ask(coordinator, Requests.Get(Bucket, Key));

        Assert.Equal(["v1"], Requests.Values(sloppy));
        var failure = Assert.IsType<KvFailure>(strict);
        Assert.Contains("primaries needed by pr", failure.Message);
        Assert.Equal(3u, failure.QuorumNotMet.Needed);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_read_through_the_fallback_returns_the_hinted_value()
    {
        await using var cluster = await KvCluster.StartAsync(nodeCount: 4, hintedHandoff: FastHandoff);
        var (coordinator, down, fallback, partition) = Sloppy(cluster);
        cluster.Local.SetReachable(down, false);
        await cluster.PutAsync(coordinator, Bucket, Key, "v1", w: 3);

        var held = await cluster.Local.HintedHandoffOf(fallback)!.Ask<ReplicaGetResult>(
            new HintedGet(down, partition, Bucket, Encoding.UTF8.GetBytes(Key)), KvCluster.AskTimeout);
        // Every reachable replica, the fallback included, must answer for r = 3.
        var read = await cluster.GetAsync(coordinator, Bucket, Key, r: 3);

        Assert.Equal(fallback, held.Node);
        Assert.Equal(["v1"], held.Object.Siblings.Select(s => Requests.Text(s.Value.ToArray())));
        Assert.Equal(["v1"], Requests.Values(read));
    }

    [Fact(Timeout = 60_000)]
    public async Task Hints_reach_the_owner_once_it_is_reachable_again_and_then_leave_the_fallback()
    {
        await using var cluster = await KvCluster.StartAsync(nodeCount: 4, hintedHandoff: FastHandoff);
        var (coordinator, down, fallback, partition) = Sloppy(cluster);
        cluster.Local.SetReachable(down, false);
        var first = await cluster.PutAsync(coordinator, Bucket, Key, "v1", w: 3);
        await cluster.PutAsync(coordinator, Bucket, Key, "v2", first.Context, w: 3);
        Assert.Equal(2, (await cluster.HintStatsAsync(fallback)).Pending[down]);

        cluster.Local.SetReachable(down, true);

        await Eventually.AssertAsync(async () =>
        {
            var owned = await cluster.ReadReplicaAsync(down, partition, Bucket, Key);
            Assert.Equal(["v2"], owned.Object.Siblings.Select(s => Requests.Text(s.Value.ToArray())));
            var stats = await cluster.HintStatsAsync(fallback);
            Assert.Equal((2L, 2L), (stats.Stored, stats.Delivered));
            Assert.Empty(stats.Pending);
        });
        Assert.Empty(await HintJournal.WaitingAsync(cluster.SystemOf(fallback)));
    }

    // A key whose preference list is a primary to coordinate on, a primary to mark down, and the node that stands in for it.
    private static (string Coordinator, string Down, string Fallback, int Partition) Sloppy(KvCluster cluster) => Sloppy(cluster, Bucket, Key);

    /// <summary>For a key of a cluster of four or more: a primary to coordinate on, a primary to mark down, and the node that stands in for it.</summary>
    internal static (string Coordinator, string Down, string Fallback, int Partition) Sloppy(KvCluster cluster, string bucket, string key)
    {
        var primaries = cluster.PreferenceListOf(bucket, key).Entries;
        var down = primaries[^1];
        var list = PreferenceList.Sloppy(cluster.Ring, primaries[0].Partition, 3, n => n != down.Node);
        var fallback = Assert.Single(list.Fallbacks);
        Assert.Equal(down.Node, fallback.StandsInFor);
        return (primaries[0].Node, down.Node, fallback.Node, down.Partition);
    }
}
