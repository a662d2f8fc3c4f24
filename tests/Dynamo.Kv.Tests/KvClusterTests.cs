using Akka.Actor;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>Three logical nodes with in-memory storage serving Get, Put and Delete through their routers.</summary>
public sealed class KvClusterTests
{
    private const string Bucket = "b";

    [Fact(Timeout = 60_000)]
    public async Task Put_then_get_from_every_node()
    {
        await using var cluster = await KvCluster.StartAsync();

        var put = await cluster.PutAsync("a", Bucket, "k", "v1");

        foreach (var node in cluster.Nodes)
        {
            var got = await cluster.GetAsync(node, Bucket, "k");
            Assert.Equal(ObjectStatus.Found, got.Status);
            Assert.Equal(["v1"], Requests.Values(got));
            Assert.Equal("text/plain", got.Siblings[0].ContentType);
            Assert.Equal(put.Context, got.Context);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Missing_key_reads_as_not_found_without_context()
    {
        await using var cluster = await KvCluster.StartAsync();

        var got = await cluster.GetAsync("b", Bucket, "never-written");

        Assert.Equal(ObjectStatus.NotFound, got.Status);
        Assert.Empty(got.Siblings);
        Assert.True(got.Context.IsEmpty);
    }

    [Fact(Timeout = 60_000)]
    public async Task Write_quorum_of_three_fails_with_one_replica_blackholed_naming_answered_and_needed()
    {
        await using var cluster = await KvCluster.StartAsync(requestTimeout: TimeSpan.FromSeconds(2));
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        cluster.Directory.Blackhole(list[2].Node, list[2].Partition);

        var reply = await cluster.Ask(list[0].Node, Requests.Put(Bucket, "k", "v", w: 3));

        var failure = Assert.IsType<KvFailure>(reply);
        Assert.Equal(KvFailure.ReasonOneofCase.QuorumNotMet, failure.ReasonCase);
        Assert.Equal(2u, failure.QuorumNotMet.Answered);
        Assert.Equal(3u, failure.QuorumNotMet.Needed);
        Assert.True(failure.QuorumNotMet.OutcomeUnknown);
        Assert.Contains("2 of 3", failure.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task Write_quorum_of_two_succeeds_with_one_replica_blackholed()
    {
        await using var cluster = await KvCluster.StartAsync(requestTimeout: TimeSpan.FromSeconds(2));
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        cluster.Directory.Blackhole(list[2].Node, list[2].Partition);

        await cluster.PutAsync(list[0].Node, Bucket, "k", "v");
        var got = await cluster.GetAsync(list[1].Node, Bucket, "k");

        Assert.Equal(["v"], Requests.Values(got));
    }

    [Fact(Timeout = 60_000)]
    public async Task Read_quorum_not_met_names_answered_and_needed()
    {
        await using var cluster = await KvCluster.StartAsync(requestTimeout: TimeSpan.FromSeconds(2));
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        await cluster.PutAsync(list[0].Node, Bucket, "k", "v", w: 3);
        cluster.Directory.Blackhole(list[1].Node, list[1].Partition);
        cluster.Directory.Blackhole(list[2].Node, list[2].Partition);

        var reply = await cluster.Ask(list[0].Node, Requests.Get(Bucket, "k"));

        var failure = Assert.IsType<KvFailure>(reply);
        Assert.Equal(1u, failure.QuorumNotMet.Answered);
        Assert.Equal(2u, failure.QuorumNotMet.Needed);
        Assert.False(failure.QuorumNotMet.OutcomeUnknown);
    }

    [Fact(Timeout = 60_000)]
    public async Task Quorum_beyond_the_replicas_of_a_small_cluster_fails_at_once_naming_answered_and_needed()
    {
        // Two nodes give a three-replica bucket a two-entry preference list: w=3 can never be met.
        await using var cluster = await KvCluster.StartAsync(nodeCount: 2);

        var failure = Assert.IsType<KvFailure>(await cluster.Ask("a", Requests.Put(Bucket, "k", "v", w: 3)));
        await cluster.PutAsync("a", Bucket, "k", "v", w: 2);

        Assert.Equal((0u, 3u), (failure.QuorumNotMet.Answered, failure.QuorumNotMet.Needed));
        Assert.Contains("only 2 replicas", failure.Message);
        Assert.Equal(["v"], Requests.Values(await cluster.GetAsync("b", Bucket, "k")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Concurrent_puts_with_the_same_context_become_siblings_and_the_merged_context_resolves_them()
    {
        // The paper's Figure 3: D1, D2 through Sx; D3 through Sy and D4 through Sz, both from D2; D5 through Sx from both.
        await using var cluster = await KvCluster.StartAsync();
        var d1 = await cluster.PutAsync("a", Bucket, "fig3", "D1", w: 3);
        var d2 = await cluster.PutAsync("a", Bucket, "fig3", "D2", d1.Context, w: 3);
        await cluster.PutAsync("b", Bucket, "fig3", "D3", d2.Context, w: 3);
        await cluster.PutAsync("c", Bucket, "fig3", "D4", d2.Context, w: 3);

        var conflicted = await cluster.GetAsync("a", Bucket, "fig3");
        Assert.Equal(["D3", "D4"], Requests.Values(conflicted));
        Assert.Equal("[(a,2),(b,1),(c,1)]", Vector(conflicted.Context));

        var d5 = await cluster.PutAsync("a", Bucket, "fig3", "D5", conflicted.Context, w: 3);
        var resolved = await cluster.GetAsync("c", Bucket, "fig3");

        Assert.Equal(["D5"], Requests.Values(resolved));
        Assert.Equal("[(a,3),(b,1),(c,1)]", Vector(d5.Context));
    }

    [Fact(Timeout = 60_000)]
    public async Task Delete_reads_as_deleted_with_a_context_and_a_stale_replica_does_not_resurrect_it()
    {
        await using var cluster = await KvCluster.StartAsync();
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        await cluster.PutAsync("a", Bucket, "k", "v1", w: 3);
        var before = await cluster.GetAsync("a", Bucket, "k");
        var stale = (await cluster.ReadReplicaAsync(list[0].Node, list[0].Partition, Bucket, "k")).Object;

        var deleted = Assert.IsType<DeleteResult>(await cluster.Ask("b", Requests.Delete(Bucket, "k", before.Context, w: 3)));
        foreach (var replica in list)
        {
            // A replica that missed the delete syncs its old version back (handoff, anti-entropy).
            await cluster.VNode(replica.Node, replica.Partition)
                .Ask<ReplicaPutAck>(new ReplicaPut(Bucket, "k"u8.ToArray(), stale), KvCluster.AskTimeout);
        }
        var after = await cluster.GetAsync("c", Bucket, "k");

        Assert.Equal(ObjectStatus.Deleted, after.Status);
        Assert.Empty(after.Siblings);
        Assert.False(after.Context.IsEmpty);
        Assert.Equal(deleted.Context, after.Context);
        var rewritten = await cluster.PutAsync("a", Bucket, "k", "v2", after.Context);
        Assert.Equal(["v2"], Requests.Values(await cluster.GetAsync("b", Bucket, "k")));
        Assert.NotEqual(after.Context, rewritten.Context);
    }

    [Fact(Timeout = 60_000)]
    public async Task Read_repair_fixes_a_replica_that_missed_a_write()
    {
        await using var cluster = await KvCluster.StartAsync();
        var list = cluster.PreferenceListOf(Bucket, "k").Entries;
        var missed = list[2];
        cluster.Directory.Blackhole(missed.Node, missed.Partition);
        await cluster.PutAsync(list[0].Node, Bucket, "k", "v");
        cluster.Directory.Restore(missed.Node, missed.Partition);
        Assert.True((await cluster.ReadReplicaAsync(missed.Node, missed.Partition, Bucket, "k")).Object.IsEmpty);

        var got = await cluster.GetAsync(list[0].Node, Bucket, "k");

        Assert.Equal(["v"], Requests.Values(got));
        await Eventually.AssertAsync(async () =>
        {
            var repaired = (await cluster.ReadReplicaAsync(missed.Node, missed.Partition, Bucket, "k")).Object;
            Assert.Equal(["v"], repaired.Siblings.Select(s => Requests.Text(s.Value.ToArray())));
        });
    }

    [Fact(Timeout = 60_000)]
    public async Task Last_write_wins_bucket_keeps_one_value_where_a_siblings_bucket_keeps_all()
    {
        await using var cluster = await KvCluster.StartAsync();
        await cluster.SetBucketPropsAsync("lww", new BucketProps { N = 3, R = 2, W = 2, Conflicts = ConflictMode.LastWriteWins });

        foreach (var (node, value) in new[] { ("a", "x"), ("b", "y"), ("c", "z") })
        {
            await cluster.PutAsync(node, "lww", "k", value, w: 3);
            await cluster.PutAsync(node, "sib", "k", value, w: 3);
        }
        var lww = await cluster.GetAsync("a", "lww", "k");
        var siblings = await cluster.GetAsync("a", "sib", "k");

        Assert.Contains(Assert.Single(Requests.Values(lww)), new[] { "x", "y", "z" });
        Assert.Equal(["x", "y", "z"], Requests.Values(siblings));
    }

    [Fact(Timeout = 60_000)]
    public async Task Oversized_value_and_broken_context_are_rejected_and_the_node_keeps_serving()
    {
        await using var cluster = await KvCluster.StartAsync();
        var max = cluster.Settings.MaxValueSize;
        var oversized = Requests.Put(Bucket, "k", "");
        oversized.Value = ByteString.CopyFrom(new byte[max + 1]);
        var broken = Requests.Put(Bucket, "k", "v", ByteString.CopyFrom(0x01, 0x05, 0x00));

        var tooLarge = Assert.IsType<KvFailure>(await cluster.Ask("a", oversized));
        var invalid = Assert.IsType<KvFailure>(await cluster.Ask("a", broken));

        Assert.Equal(KvFailure.ReasonOneofCase.ValueTooLarge, tooLarge.ReasonCase);
        Assert.Equal((ulong)max + 1, tooLarge.ValueTooLarge.Size);
        Assert.Equal((ulong)max, tooLarge.ValueTooLarge.MaxSize);
        Assert.Equal(KvFailure.ReasonOneofCase.InvalidContext, invalid.ReasonCase);
        Assert.Contains("context", invalid.Message);
        await cluster.PutAsync("a", Bucket, "k", "fine");
        Assert.Equal(["fine"], Requests.Values(await cluster.GetAsync("a", Bucket, "k")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Quorum_larger_than_n_is_rejected_as_an_invalid_request()
    {
        await using var cluster = await KvCluster.StartAsync();

        var failure = Assert.IsType<KvFailure>(await cluster.Ask("a", Requests.Get(Bucket, "k", r: 4)));

        Assert.Equal(KvFailure.ReasonOneofCase.InvalidRequest, failure.ReasonCase);
        Assert.Contains("r must be between 1 and the bucket's n (3), but was 4", failure.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_to_a_node_outside_the_preference_list_is_forwarded_to_one_inside()
    {
        await using var cluster = await KvCluster.StartAsync();
        var (key, owner) = await cluster.KeyHeldOnlyElsewhereAsync("single", "a");

        await cluster.PutAsync("a", "single", key, "v");

        var stored = (await cluster.ReadReplicaAsync(owner.Node, owner.Partition, "single", key)).Object;
        Assert.Equal(["v"], stored.Siblings.Select(s => Requests.Text(s.Value.ToArray())));
        foreach (var node in cluster.Nodes)
        {
            Assert.Equal(["v"], Requests.Values(await cluster.GetAsync(node, "single", key)));
        }
    }

    // Vnodes coordinate as node/epoch; the figure names nodes only, each here in one epoch per key.
    private static string Vector(ByteString context) =>
        "[" + string.Join(",", CausalContext.Parse(context.Span).Vector.Entries.Select(d => $"({d.Node.Split('/')[0]},{d.Counter})")) + "]";
}
