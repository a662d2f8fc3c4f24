using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>Journal compaction of one vnode over the test journal: old events go, every live object stays readable.</summary>
public sealed class VNodeCompactionTests() : KvTestKit
{
    // Compacts once 20 events are garbage and at least as many as the live keys.
    private static readonly VNodeSettings Tiny = new() { CompactionMinEvents = 20, CompactionGarbageRatio = 1.0 };

    [Fact(Timeout = 60_000)]
    public async Task Compaction_deletes_superseded_events_and_a_new_incarnation_reads_every_latest_object_from_the_journal()
    {
        var vnode = Sys.ActorOf(VNodeProps("a", 0, settings: Tiny));
        var latest = new Dictionary<string, SiblingSet>();
        // Cold keys written once, before the first cut: every compaction's first page holds them, and the next pages the rest.
        for (var i = 0; i < 100; i++) latest[$"cold{i}"] = Coordinate(vnode, $"cold{i}", $"cold-{i}");
        const int rounds = 100;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var key in new[] { "k0", "k1", "k2" })
            {
                latest[key] = Coordinate(vnode, key, $"{key}-v{round}", latest.GetValueOrDefault(key)?.Context);
            }
        }

        var stats = await CompactedAsync(vnode);
        var events = await VNodeJournal.EventsAsync(Sys, 0);

        Assert.True(stats.Compactions >= 2, $"{stats}");
        Assert.True(stats.ObjectsRewritten >= 100, $"{stats}");
        // The journal holds only the events after the last cut: far fewer than the writes, the copies and the lease.
        Assert.Equal(stats.LastSequenceNr - stats.CompactedTo, events.Count);
        Assert.True(events.Count < stats.LastSequenceNr / 2, $"{events.Count} events left of {stats.LastSequenceNr}");
        var live = await VNodeJournal.LiveObjectsAsync(Sys, 0);
        Assert.Equal(
            latest.ToDictionary(e => Convert.ToHexString(ObjectKey.Encode("b", Bytes(e.Key))), e => e.Value),
            live.ToDictionary(e => e.Key, e => SiblingSetSerializer.Deserialize(e.Value)));

        Stop(vnode);
        using var empty = new ValueCache(0);
        var again = Sys.ActorOf(VNodeProps("a", 0, settings: Tiny, cache: empty));
        foreach (var (key, set) in latest) Assert.Equal(set, Read(again, key));
        Assert.Equal([$"k1-v{rounds - 1}"], Values(Read(again, "k1")));
        Assert.Equal(["cold-7"], Values(Read(again, "cold7")));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Client_writes_during_a_compaction_win_over_the_copies_of_older_objects(bool snapshotFails)
    {
        // A failed snapshot stands for a crash before it: nothing is deleted and recovery replays every event, copies included.
        if (snapshotFails) await SnapshotStore.OnSave.Fail();
        var vnode = Sys.ActorOf(VNodeProps("a", 0, settings: Tiny));
        vnode.Tell(HoldsObjects.Instance, TestActor);
        ExpectMsg<ObjectsHeld>();
        // Holds the compaction's first page of the journal (objects are cached, so nothing else reads it back).
        var replays = new JournalGate(_ => true);
        await Journal.OnRecovery.SetInterceptorAsync(replays);
        var latest = new Dictionary<string, SiblingSet>();
        foreach (var key in new[] { "k0", "k1", "k2" }) latest[key] = Coordinate(vnode, key, $"{key}-old");
        for (var i = 0; i < 200 && !replays.Arrived.IsCompleted; i++)
        {
            latest["k2"] = Coordinate(vnode, "k2", $"k2-v{i}", latest["k2"].Context);
        }
        await replays.Arrived.WaitAsync(TimeSpan.FromSeconds(10));

        // k0's write is confirmed before the page arrives; k1's is still in the journal's hands when it does.
        latest["k0"] = Coordinate(vnode, "k0", "k0-new", latest["k0"].Context);
        var k1Write = new JournalGate(e => e is ObjectStored stored && Values(stored).Contains("k1-new"));
        await Journal.OnWrite.SetInterceptorAsync(k1Write);
        vnode.Tell(Put("k1", "k1-new", latest["k1"].Context), TestActor);
        await k1Write.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        replays.Open();
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        k1Write.Open();
        latest["k1"] = ExpectMsg<CoordinatedPutAck>().Object;
        var stats = await CompactedAsync(vnode, failed: snapshotFails);
        if (snapshotFails)
        {
            Assert.Equal((0L, 0L), (stats.Compactions, stats.CompactedTo));
            Assert.Equal(stats.LastSequenceNr, (await VNodeJournal.EventsAsync(Sys, 0)).Count);
        }

        Stop(vnode);
        using var empty = new ValueCache(0);
        var again = Sys.ActorOf(VNodeProps("a", 0, settings: Tiny, cache: empty));
        foreach (var (key, set) in latest) Assert.Equal(set, Read(again, key));
        Assert.Equal(["k0-new"], Values(Read(again, "k0")));
        Assert.Equal(["k1-new"], Values(Read(again, "k1")));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_epoch_lease_survives_the_deletion_of_its_event_in_the_snapshot()
    {
        var vnode = Sys.ActorOf(VNodeProps("a", 0, settings: Tiny));
        var set = Coordinate(vnode, "k", "v0");
        var lease = Assert.Single(await VNodeJournal.LeasesAsync(Sys, 0));
        for (var i = 1; i <= 30; i++) set = Coordinate(vnode, "k", $"v{i}", set.Context);
        await CompactedAsync(vnode);
        Assert.Empty(await VNodeJournal.LeasesAsync(Sys, 0));
        Stop(vnode);

        var again = Sys.ActorOf(VNodeProps("a", 0, settings: Tiny));
        // A key the vnode never held takes a fresh epoch: above everything the lost event leased, from the same range.
        var fresh = Coordinate(again, "new", "v");

        Assert.Equal(set, Read(again, "k"));
        Assert.True(VNodeEpoch.TryEpochOf(Assert.Single(fresh.Versions.Entries).Node, "a", out var epoch));
        Assert.True(epoch > lease.LeasedUntil, $"epoch {epoch} was leased before the restart (up to {lease.LeasedUntil})");
        var renewed = Assert.Single(await VNodeJournal.LeasesAsync(Sys, 0));
        Assert.Equal(lease.First, renewed.First);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_drop_during_a_compaction_waits_for_it_to_stop_and_then_deletes_everything()
    {
        var vnode = Sys.ActorOf(VNodeProps("a", 0, settings: Tiny));
        vnode.Tell(HoldsObjects.Instance, TestActor);
        ExpectMsg<ObjectsHeld>();
        var replays = new JournalGate(_ => true);
        await Journal.OnRecovery.SetInterceptorAsync(replays);
        var set = Coordinate(vnode, "k", "v0");
        for (var i = 1; i < 200 && !replays.Arrived.IsCompleted; i++) set = Coordinate(vnode, "k", $"v{i}", set.Context);
        await replays.Arrived.WaitAsync(TimeSpan.FromSeconds(10));

        vnode.Tell(DropReplica.Instance, TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        replays.Open();
        Assert.Equal(0, ExpectMsg<ReplicaDropped>().Partition);

        Assert.Empty(await VNodeJournal.EventsAsync(Sys, 0));
        Assert.Null(await LatestSnapshotAsync(0));
        vnode.Tell(GetCompactionStats.Instance, TestActor);
        Assert.False(ExpectMsg<CompactionStats>().Running);
        Stop(vnode);
        var again = Sys.ActorOf(VNodeProps("a", 0, settings: Tiny));
        again.Tell(HoldsObjects.Instance, TestActor);
        Assert.Equal(0, ExpectMsg<ObjectsHeld>().Keys);
    }

    [Fact]
    public void Vnode_below_the_thresholds_keeps_every_event()
    {
        var vnode = Sys.ActorOf(VNodeProps("a", 0, settings: Tiny with { CompactionMinEvents = 1_000 }));
        var set = Coordinate(vnode, "k", "v0");
        for (var i = 1; i < 100; i++) set = Coordinate(vnode, "k", $"v{i}", set.Context);

        vnode.Tell(GetCompactionStats.Instance, TestActor);
        var stats = ExpectMsg<CompactionStats>();

        Assert.Equal((0L, 0L, false), (stats.Compactions, stats.CompactedTo, stats.Running));
        Assert.Equal(101, stats.LastSequenceNr);
    }

    private ITestSnapshotStore SnapshotStore => TestSnapshotStore.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null));

    // Waits until at least one compaction completed (or failed) and none runs.
    private static async Task<CompactionStats> CompactedAsync(IActorRef vnode, bool failed = false)
    {
        CompactionStats? stats = null;
        await Eventually.AssertAsync(async () =>
        {
            stats = await vnode.Ask<CompactionStats>(GetCompactionStats.Instance, TimeSpan.FromSeconds(5));
            Assert.True((failed ? stats.Failures : stats.Compactions) >= 1 && !stats.Running, $"{stats}");
        }, TimeSpan.FromSeconds(30));
        return stats!;
    }

    private async Task<SelectedSnapshot?> LatestSnapshotAsync(int partition)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        var loaded = await store.Ask<LoadSnapshotResult>(new LoadSnapshot(VNode.PersistenceIdOf(partition), SnapshotSelectionCriteria.Latest, long.MaxValue), TimeSpan.FromSeconds(10));
        return loaded.Snapshot;
    }

    private SiblingSet Coordinate(IActorRef vnode, string key, string value, CausalContext? context = null)
    {
        vnode.Tell(Put(key, value, context), TestActor);
        return ExpectMsg<CoordinatedPutAck>().Object;
    }

    private SiblingSet Read(IActorRef vnode, string key)
    {
        vnode.Tell(new ReplicaGet("b", Bytes(key)), TestActor);
        return ExpectMsg<ReplicaGetResult>().Object;
    }

    private static CoordinatedPut Put(string key, string value, CausalContext? context = null) =>
        new("b", Bytes(key), context ?? CausalContext.Empty, new Sibling(Bytes(value), SiblingMetadata.Value(1, "text/plain")), false, SiblingLimits.Default);

    private static List<string> Values(SiblingSet set) => [.. set.Siblings.Select(s => Requests.Text(s.Value.ToArray()))];

    private static List<string> Values(ObjectStored stored) => Values(SiblingSetSerializer.Deserialize(stored.Object));

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
