using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Dynamo.Kv.Buckets;
using Dynamo.Kv.Hosting;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;
using static Dynamo.Kv.Cluster.Tests.Eventually;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>
/// Bucket properties as cluster metadata: set through any node, answered by every node, refused before replication,
/// kept across a restart of every node.
/// </summary>
public sealed class BucketMetadataClusterTests : IDisposable
{
    private static readonly BucketProps Wide = new() { N = 2, R = 1, W = 2, Pw = 1, Conflicts = ConflictMode.LastWriteWins, ObjectBuffer = true };
    private static readonly BucketProps Narrow = new() { N = 1, R = 1, W = 1 };
    private static readonly BucketProps Later = new() { N = 3, R = 1, W = 1 };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-kv-bucket-metadata-" + Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 60_000)]
    public async Task A_set_through_one_node_is_answered_at_once_by_that_node_and_then_identically_by_every_node()
    {
        await using var nodes = await KvNodes.StartAsync(3);

        var set = Assert.IsType<BucketPropsResult>(await nodes.Running[1].AskAsync(new SetBucketProps { Bucket = "wide", Props = Wide }, KvNodes.AskTimeout));
        Assert.Equal(Wide, set.Props);
        // The node that took the write answers the new properties as soon as the setter has its reply.
        Assert.Equal(Wide, await PropsOfAsync(nodes.Running[1], "wide"));
        await UntilAsync(async () => (await AllPropsAsync(nodes, "wide")).All(p => p.Equals(Wide)), "every node answers the properties set through one",
            async () => string.Join("; ", await AllPropsAsync(nodes, "wide")));

        // A later set through another node replaces them everywhere; other buckets keep the defaults.
        Assert.IsType<BucketPropsResult>(await nodes.Running[2].AskAsync(new SetBucketProps { Bucket = "wide", Props = Narrow }, KvNodes.AskTimeout));
        await UntilAsync(async () => (await AllPropsAsync(nodes, "wide")).All(p => p.Equals(Narrow)), "every node answers the later set",
            async () => string.Join("; ", await AllPropsAsync(nodes, "wide")));
        var defaults = nodes.Running[0].Settings.BucketDefaults.ToProtocol();
        Assert.All(await AllPropsAsync(nodes, "untouched"), p => Assert.Equal(defaults, p));

        // The coordinators route by them: with n = 1 a write waits for one replica and a read with r = 2 is refused.
        Assert.IsType<PutResult>(await nodes.Running[0].AskAsync(Requests.Put("wide", "k", "v"), KvNodes.AskTimeout));
        var refused = Assert.IsType<KvFailure>(await nodes.Running[0].AskAsync(Requests.Get("wide", "k", r: 2), KvNodes.AskTimeout));
        Assert.Equal(KvFailure.ReasonOneofCase.InvalidRequest, refused.ReasonCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_bad_value_is_refused_before_it_is_replicated_and_no_node_changes()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        Assert.IsType<BucketPropsResult>(await nodes.Running[0].AskAsync(new SetBucketProps { Bucket = "kept", Props = Wide }, KvNodes.AskTimeout));

        var badR = Assert.IsType<KvFailure>(await nodes.Running[1].AskAsync(
            new SetBucketProps { Bucket = "kept", Props = new BucketProps { N = 2, R = 3, W = 1 } }, KvNodes.AskTimeout));
        Assert.Equal(KvFailure.ReasonOneofCase.InvalidRequest, badR.ReasonCase);
        Assert.Contains("r must be between 1 and n (2), but was 3", badR.Message);
        var badNew = Assert.IsType<KvFailure>(await nodes.Running[2].AskAsync(
            new SetBucketProps { Bucket = "refused", Props = new BucketProps { N = 0, R = 1, W = 1 } }, KvNodes.AskTimeout));
        Assert.Equal(KvFailure.ReasonOneofCase.InvalidRequest, badNew.ReasonCase);
        var unnamed = Assert.IsType<KvFailure>(await nodes.Running[2].AskAsync(new SetBucketProps { Bucket = "", Props = Narrow }, KvNodes.AskTimeout));
        Assert.Equal(KvFailure.ReasonOneofCase.InvalidRequest, unnamed.ReasonCase);

        // A valid set through the nodes that refused, once every replica holds it, shows the refused ones were never
        // written: they would be in the same replicated map.
        Assert.IsType<BucketPropsResult>(await nodes.Running[1].AskAsync(new SetBucketProps { Bucket = "barrier-1", Props = Narrow }, KvNodes.AskTimeout));
        Assert.IsType<BucketPropsResult>(await nodes.Running[2].AskAsync(new SetBucketProps { Bucket = "barrier-2", Props = Narrow }, KvNodes.AskTimeout));
        // The router hears of a change a notify-subscribers-interval after its replica has it, so wait for both.
        // "kept" may reach a replica by gossip after the barriers (its majority need not have included that node).
        await UntilAsync(async () => (await Task.WhenAll(nodes.Running.Select(ReplicaAsync)))
                .All(map => map.ContainsKey("barrier-1") && map.ContainsKey("barrier-2") && map.ContainsKey("kept"))
                && (await AllPropsAsync(nodes, "barrier-1")).Concat(await AllPropsAsync(nodes, "barrier-2")).All(p => p.Equals(Narrow))
                && (await AllPropsAsync(nodes, "kept")).All(p => p.Equals(Wide)),
            "every replica and every router hold the first set and the sets made after the refused ones");
        foreach (var node in nodes.Running)
        {
            var map = await ReplicaAsync(node);
            Assert.Equal(["barrier-1", "barrier-2", "kept"], map.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(BucketProperties.FromProtocol(Wide), map["kept"]);
            Assert.Equal(Wide, await PropsOfAsync(node, "kept"));
            Assert.Equal(node.Settings.BucketDefaults.ToProtocol(), await PropsOfAsync(node, "refused"));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_restarted_node_answers_the_props_set_before_it_stopped_and_while_it_was_down()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        Assert.IsType<BucketPropsResult>(await nodes.Running[0].AskAsync(new SetBucketProps { Bucket = "before", Props = Wide }, KvNodes.AskTimeout));
        await UntilAsync(async () => (await AllPropsAsync(nodes, "before")).All(p => p.Equals(Wide)), "every node answers the properties");

        var victim = nodes.Running[2];
        var oldIncarnation = victim.Cluster.SelfUniqueAddress;
        int victimPort = victim.Cluster.SelfAddress.Port!.Value;
        await nodes.KillAsync(victim);
        var survivors = nodes.Running.ToList();
        await UntilAsync(() => survivors.All(s => s.Cluster.State.Unreachable.Any(m => m.UniqueAddress.Equals(oldIncarnation))),
            "the survivors see the stopped node unreachable");
        // Two of the three members still make a majority.
        Assert.IsType<BucketPropsResult>(await survivors[1].AskAsync(new SetBucketProps { Bucket = "meanwhile", Props = Narrow }, KvNodes.AskTimeout));

        var restarted = await nodes.StartNodeAsync(victimPort, nodes.SeedPort);
        Assert.NotEqual(oldIncarnation, restarted.Cluster.SelfUniqueAddress);
        await UntilAsync(() => restarted.Cluster.State.Members.Any(m => m.UniqueAddress.Equals(restarted.Cluster.SelfUniqueAddress) && m.Status == MemberStatus.Up),
            "the restarted node is Up");
        await UntilAsync(async () => Wide.Equals(await PropsOfAsync(restarted, "before")) && Narrow.Equals(await PropsOfAsync(restarted, "meanwhile")),
            "the restarted node answers both buckets' properties",
            async () => $"before: {await PropsOfAsync(restarted, "before")}, meanwhile: {await PropsOfAsync(restarted, "meanwhile")}");
        Assert.All(await AllPropsAsync(nodes, "before"), p => Assert.Equal(Wide, p));
        Assert.All(await AllPropsAsync(nodes, "meanwhile"), p => Assert.Equal(Narrow, p));
    }

    /// <summary>
    /// Every node keeps the map in its own SQLite journal, so after all of them stopped each answers the properties
    /// again, the first one back before any other member could gossip them to it. The map comes back with its
    /// timestamps: a set made while one node was still down wins over the older value that node brings back.
    /// </summary>
    [Fact(Timeout = 180_000)]
    public async Task Every_node_answers_the_props_set_before_the_whole_cluster_stopped_and_a_later_set_wins_everywhere()
    {
        await using var nodes = await KvNodes.StartAsync(3, _directory);
        int seedPort = nodes.SeedPort;
        int[] others = [.. nodes.Running.Select(n => n.Cluster.SelfAddress.Port!.Value).Where(p => p != seedPort)];
        Assert.IsType<BucketPropsResult>(await nodes.Running[1].AskAsync(new SetBucketProps { Bucket = "kept", Props = Wide }, KvNodes.AskTimeout));
        Assert.IsType<BucketPropsResult>(await nodes.Running[2].AskAsync(new SetBucketProps { Bucket = "other", Props = Narrow }, KvNodes.AskTimeout));
        // Each node persists the map once its replicator notifies it: wait until every journal holds both sets, so
        // that what comes back after the stop is each node's own, not what a node that persisted first gossips.
        await UntilAsync(async () => (await Task.WhenAll(nodes.Running.Select(JournaledAsync)))
                .All(map => map.TryGetValue("kept", out var kept) && kept.Equals(BucketProperties.FromProtocol(Wide))
                    && map.TryGetValue("other", out var other) && other.Equals(BucketProperties.FromProtocol(Narrow))),
            "every node's journal holds both buckets' properties",
            async () => string.Join("; ", (await Task.WhenAll(nodes.Running.Select(JournaledAsync))).Select(m => string.Join(",", m.Keys))));

        foreach (var node in nodes.Running.ToList())
            await nodes.KillAsync(node);

        // The seed alone: no other member exists to gossip anything to it.
        var seed = await nodes.StartNodeAsync(seedPort, seedPort, _directory);
        await UntilAsync(async () => Wide.Equals(await PropsOfAsync(seed, "kept")) && Narrow.Equals(await PropsOfAsync(seed, "other")),
            "the first node back answers both buckets' properties from its own journal",
            async () => $"kept: {await PropsOfAsync(seed, "kept")}, other: {await PropsOfAsync(seed, "other")}");

        // Two of three are a majority: a set now gets a later timestamp than the one the third node will bring back.
        var second = await nodes.StartNodeAsync(others[0], seedPort, _directory);
        await UntilAsync(() => nodes.Running.All(n => n.Cluster.State.Members.Count(m => m.Status == MemberStatus.Up) == 2), "two members are Up");
        Assert.IsType<BucketPropsResult>(await second.AskAsync(new SetBucketProps { Bucket = "kept", Props = Later }, KvNodes.AskTimeout));

        await nodes.StartNodeAsync(others[1], seedPort, _directory);
        await nodes.AwaitSameRingAsync(3, Eventually.Form);
        await UntilAsync(async () => (await AllPropsAsync(nodes, "kept")).All(p => p.Equals(Later))
                && (await AllPropsAsync(nodes, "other")).All(p => p.Equals(Narrow)),
            "every node answers the later set of one bucket and the recovered properties of the other",
            async () => $"kept: {string.Join("; ", await AllPropsAsync(nodes, "kept"))}, other: {string.Join("; ", await AllPropsAsync(nodes, "other"))}");
        foreach (var node in nodes.Running)
        {
            var replica = await ReplicaAsync(node);
            Assert.Equal(BucketProperties.FromProtocol(Later), replica["kept"]);
            Assert.Equal(BucketProperties.FromProtocol(Narrow), replica["other"]);
        }
    }

    private static async Task<BucketProps> PropsOfAsync(KvNode node, string bucket) =>
        Assert.IsType<BucketPropsResult>(await node.AskAsync(new GetBucketProps { Bucket = bucket }, KvNodes.AskTimeout)).Props;

    private static Task<BucketProps[]> AllPropsAsync(KvNodes nodes, string bucket) =>
        Task.WhenAll(nodes.Running.Select(n => PropsOfAsync(n, bucket)));

    // What the node's own replica of the map holds, read from Distributed Data rather than through the router.
    private static async Task<IImmutableDictionary<string, BucketProperties>> ReplicaAsync(KvNode node)
    {
        var reply = await DistributedData.Get(node.System).Replicator.Ask<IGetResponse>(
            Dsl.Get(BucketMetadata.Key, ReadLocal.Instance), KvNodes.AskTimeout);
        return reply is GetSuccess success
            ? success.Get(BucketMetadata.Key).Entries
            : ImmutableDictionary<string, BucketProperties>.Empty;
    }

    // The map this node's bucket metadata last persisted, read from its own journal.
    private static async Task<IImmutableDictionary<string, BucketProperties>> JournaledAsync(KvNode node)
    {
        var journal = Akka.Persistence.Persistence.Instance.Apply(node.System).JournalFor(null);
        var events = await EventReader.Read(node.System, journal, BucketMetadata.PersistenceIdValue, 1, long.MaxValue, KvNodes.AskTimeout);
        return events.OfType<LWWDictionary<string, BucketProperties>>().LastOrDefault()?.Entries
            ?? ImmutableDictionary<string, BucketProperties>.Empty;
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
