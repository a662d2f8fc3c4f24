using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>One vnode over the test journal, driven directly.</summary>
public sealed class VNodeTests() : KvTestKit
{
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void Pipelined_blind_writes_to_one_key_all_survive_as_siblings()
    {
        var vnode = Sys.ActorOf(VNodeProps("a", 0));

        for (var i = 0; i < 20; i++)
        {
            vnode.Tell(new CoordinatedPut("b", Key, CausalContext.Empty, Value($"v{i}"), LastWriteWins: false, SiblingLimits.Default), TestActor);
        }
        var acks = ReceiveN(20).Cast<CoordinatedPutAck>().ToList();
        vnode.Tell(new ReplicaGet("b", Key), TestActor);
        var stored = ExpectMsg<ReplicaGetResult>().Object;

        Assert.Equal(20, stored.Siblings.Count);
        Assert.Equal(stored, acks[^1].Object);
        Assert.Equal(Enumerable.Range(1, 20), acks.Select(a => a.Object.Siblings.Count));
    }

    [Fact]
    public void Client_write_beyond_the_sibling_maximum_is_refused_while_replica_writes_are_not()
    {
        var vnode = Sys.ActorOf(VNodeProps("a", 0));
        var limits = new SiblingLimits(1, 2);
        for (var i = 0; i < 2; i++)
        {
            vnode.Tell(new CoordinatedPut("b", Key, CausalContext.Empty, Value($"v{i}"), false, limits), TestActor);
            ExpectMsg<CoordinatedPutAck>();
        }

        vnode.Tell(new CoordinatedPut("b", Key, CausalContext.Empty, Value("v2"), false, limits), TestActor);
        var refused = ExpectMsg<CoordinatedPutRefused>();
        vnode.Tell(new ReplicaPut("b", Key, SiblingSet.Empty.Update(CausalContext.Empty, Value("v3"), "c")), TestActor);
        ExpectMsg<ReplicaPutAck>();
        vnode.Tell(new ReplicaGet("b", Key), TestActor);

        Assert.Equal((3, 2), (refused.Siblings, refused.Max));
        Assert.Equal(["v0", "v1", "v3"], ExpectMsg<ReplicaGetResult>().Object.Siblings.Select(s => Requests.Text(s.Value.ToArray())).Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task Every_answer_carries_the_request_id_of_what_it_answers()
    {
        await VNodeJournal.WriteAsync(Sys, 0, new ObjectStored(ObjectKey.Encode("b", "broken"u8.ToArray()), [0x09]));
        var vnode = Sys.ActorOf(VNodeProps("a", 0));
        var limits = new SiblingLimits(1, 1);

        vnode.Tell(new CoordinatedPut("b", Key, CausalContext.Empty, Value("v0"), false, limits) { RequestId = 11 }, TestActor);
        Assert.Equal(11, ExpectMsg<CoordinatedPutAck>().RequestId);
        vnode.Tell(new CoordinatedPut("b", Key, CausalContext.Empty, Value("v1"), false, limits) { RequestId = 12 }, TestActor);
        Assert.Equal(12, ExpectMsg<CoordinatedPutRefused>().RequestId);
        vnode.Tell(new ReplicaPut("b", Key, SiblingSet.Empty.Update(CausalContext.Empty, Value("v2"), "c")) { RequestId = 13 }, TestActor);
        Assert.Equal(13, ExpectMsg<ReplicaPutAck>().RequestId);
        vnode.Tell(new ReplicaGet("b", Key) { RequestId = 14 }, TestActor);
        Assert.Equal(14, ExpectMsg<ReplicaGetResult>().RequestId);
        vnode.Tell(new ReplicaPut("b", "broken"u8.ToArray(), SiblingSet.Empty) { RequestId = 15 }, TestActor);
        Assert.Equal(15, ExpectMsg<VNodeFailure>().RequestId);
    }

    [Fact]
    public void Replica_write_drops_dominated_versions_and_keeps_concurrent_ones()
    {
        var vnode = Sys.ActorOf(VNodeProps("a", 0));
        var older = SiblingSet.Empty.Update(CausalContext.Empty, Value("old"), "b");
        var newer = older.Update(older.Context, Value("new"), "b");
        var concurrent = SiblingSet.Empty.Update(CausalContext.Empty, Value("other"), "c");

        foreach (var set in new[] { newer, older, concurrent })
        {
            vnode.Tell(new ReplicaPut("b", Key, set), TestActor);
            ExpectMsg<ReplicaPutAck>();
        }
        vnode.Tell(new ReplicaGet("b", Key), TestActor);
        var stored = ExpectMsg<ReplicaGetResult>().Object;

        Assert.Equal(["new", "other"], stored.Siblings.Select(s => Requests.Text(s.Value.ToArray())).Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task Write_is_acknowledged_only_after_the_journal_stored_its_event()
    {
        var gate = JournalGate.Holding<ObjectStored>();
        await Journal.OnWrite.SetInterceptorAsync(gate);
        var vnode = Sys.ActorOf(VNodeProps("a", 0));

        vnode.Tell(new CoordinatedPut("b", Key, CausalContext.Empty, Value("v"), LastWriteWins: false, SiblingLimits.Default), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Empty(await VNodeJournal.LiveObjectsAsync(Sys, 0));
        gate.Open();

        var ack = ExpectMsg<CoordinatedPutAck>();
        Assert.Equal("a", ack.Node);
        Assert.Equal(ack.Object, SiblingSetSerializer.Deserialize(Assert.Single(await VNodeJournal.LiveObjectsAsync(Sys, 0)).Value));
    }

    [Fact(Timeout = 30_000)]
    public async Task Unreadable_object_in_the_journal_fails_the_write_with_a_reason()
    {
        await VNodeJournal.WriteAsync(Sys, 0, new ObjectStored(ObjectKey.Encode("b", Key), [0x09]));
        var vnode = Sys.ActorOf(VNodeProps("a", 0));

        vnode.Tell(new CoordinatedPut("b", Key, CausalContext.Empty, Value("v"), LastWriteWins: false, SiblingLimits.Default), TestActor);

        var failure = ExpectMsg<VNodeFailure>();
        Assert.Contains("unknown format version 9", failure.Reason);
    }

    [Fact(Timeout = 30_000)]
    public async Task Journal_failing_a_write_stops_the_vnode_without_an_ack_and_a_new_one_serves_what_was_persisted_before()
    {
        var vnode = Sys.ActorOf(VNodeProps("a", 0));
        var kept = Coordinate(vnode, "kept", "v1");
        Watch(vnode);
        await Journal.OnWrite.FailIf(p => p.Payload is ObjectStored);

        vnode.Tell(new CoordinatedPut("b", "lost"u8.ToArray(), CausalContext.Empty, Value("v2"), false, SiblingLimits.Default), TestActor);

        // The vnode stops and the write is never acknowledged: its coordinator sees a timeout, an unknown outcome.
        Assert.Equal(vnode, ExpectMsg<Terminated>().ActorRef);
        ExpectNoMsg(Settle);
        await Journal.OnWrite.Pass();
        var restarted = Sys.ActorOf(VNodeProps("a", 0));
        Assert.Equal(kept, Read(restarted, "kept"));
        Assert.True(Read(restarted, "lost").IsEmpty);
    }

    [Fact(Timeout = 30_000)]
    public async Task Journal_rejecting_a_write_restarts_the_vnode_which_recovers_and_serves_again_under_a_new_lease()
    {
        var vnode = Sys.ActorOf(VNodeProps("a", 0));
        var kept = Coordinate(vnode, "kept", "v1");
        Watch(vnode);
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));
        await Journal.OnWrite.RejectIf(p => p.Payload is ObjectStored);

        vnode.Tell(new CoordinatedPut("b", "rejected"u8.ToArray(), CausalContext.Empty, Value("v2"), false, SiblingLimits.Default), TestActor);

        errors.FishForMessage<Error>(e => e.Message.ToString()!.Contains("restarts"), TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        await Journal.OnWrite.Pass();
        // The same actor, restarted: it recovered the journal and leased again before serving.
        Assert.Equal(kept, Read(vnode, "kept"));
        Assert.True(Read(vnode, "rejected").IsEmpty);
        var again = Coordinate(vnode, "rejected", "v3");
        var leases = await VNodeJournal.LeasesAsync(Sys, 0);
        Assert.Equal(2, leases.Count);
        Assert.True(VNodeEpoch.TryEpochOf(Assert.Single(again.Versions.Entries).Node, "a", out var epoch));
        Assert.True(epoch > leases[0].LeasedUntil, $"epoch {epoch} was leased by the incarnation before the restart (up to {leases[0].LeasedUntil})");
    }

    [Fact]
    public void Vnode_started_only_to_see_what_its_journal_holds_keeps_its_tombstones_until_told_it_serves_the_partition()
    {
        var owner = Sys.ActorOf(VNodeProps("a", 0));
        var probe = Sys.ActorOf(VNodeProps("a", 1, owner: false));
        foreach (var vnode in new[] { owner, probe })
        {
            var tombstone = Coordinate(vnode, "k", null, Coordinate(vnode, "k", "v").Context);
            vnode.Tell(new ReapTombstone("b", Bytes("k"), tombstone), TestActor);
            // The probe may hand its partition off next: reaped there, the receiver's older version would come back.
            Assert.Equal(vnode == owner, ExpectMsg<TombstoneReaped>().Reaped);
            Assert.Equal(vnode == owner, Read(vnode, "k").IsEmpty);
        }

        // Owned after all (the ring manager adopts the probe): it reaps like any owner.
        probe.Tell(ServePartition.Instance);
        probe.Tell(new ReapTombstone("b", Bytes("k"), Read(probe, "k")), TestActor);
        Assert.True(ExpectMsg<TombstoneReaped>().Reaped);
        Assert.True(Read(probe, "k").IsEmpty);
    }

    [Fact(Timeout = 60_000)]
    public async Task Vnode_started_again_answers_every_acknowledged_write_from_its_snapshot_and_the_events_after_it()
    {
        var settings = new VNodeSettings { SnapshotEvery = 4 };
        var first = Sys.ActorOf(VNodeProps("a", 0, settings: settings));
        var acknowledged = new Dictionary<string, SiblingSet>();
        for (var i = 0; i < 10; i++) acknowledged[$"k{i}"] = Coordinate(first, $"k{i}", $"v{i}");
        // Overwrites and a reap after the first snapshots: recovery must take the latest event of each key.
        acknowledged["k1"] = Coordinate(first, "k1", "v1-again", acknowledged["k1"].Context);
        var tombstone = Coordinate(first, "k2", null, acknowledged["k2"].Context);
        first.Tell(new ReapTombstone("b", "k2"u8.ToArray(), tombstone), TestActor);
        Assert.True(ExpectMsg<TombstoneReaped>().Reaped);
        acknowledged.Remove("k2");
        acknowledged["k3"] = Coordinate(first, "k3", "v3-again", acknowledged["k3"].Context);
        Stop(first);

        var snapshot = await LatestSnapshotAsync(0);
        Assert.NotNull(snapshot);
        // Recovery must start from the snapshot: replaying an event it covers fails the recovery.
        await Journal.OnRecovery.FailIf(p => p.SequenceNr <= snapshot.Metadata.SequenceNr);
        var second = Sys.ActorOf(VNodeProps("a", 0, settings: settings, cache: new ValueCache(0)));
        second.Tell(HoldsObjects.Instance, TestActor);
        Assert.Equal(acknowledged.Count, ExpectMsg<ObjectsHeld>().Keys);
        await Journal.OnRecovery.Pass();

        foreach (var (key, set) in acknowledged) Assert.Equal(set, Read(second, key));
        Assert.True(Read(second, "k2").IsEmpty);
    }

    [Fact]
    public void Vnode_with_a_tiny_value_cache_reads_the_latest_objects_back_from_the_journal()
    {
        using var tiny = new ValueCache(64);
        var vnode = Sys.ActorOf(VNodeProps("a", 0, cache: tiny));
        var written = new Dictionary<string, SiblingSet>();
        for (var i = 0; i < 20; i++) written[$"k{i}"] = Coordinate(vnode, $"k{i}", $"value-{i}");
        // A write of an evicted key loads it from the journal: it must build on the latest version, not add a sibling.
        written["k0"] = Coordinate(vnode, "k0", "value-0-again", written["k0"].Context);

        foreach (var (key, set) in written) Assert.Equal(set, Read(vnode, key));
        Assert.Equal(["value-0-again"], Read(vnode, "k0").Siblings.Select(s => Requests.Text(s.Value.ToArray())));
        Assert.True(Read(vnode, "never-written").IsEmpty);
    }

    private async Task<SelectedSnapshot?> LatestSnapshotAsync(int partition)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        var loaded = await store.Ask<LoadSnapshotResult>(new LoadSnapshot(VNode.PersistenceIdOf(partition), SnapshotSelectionCriteria.Latest, long.MaxValue), TimeSpan.FromSeconds(10));
        return loaded.Snapshot;
    }

    private SiblingSet Coordinate(IActorRef vnode, string key, string? value, CausalContext? context = null)
    {
        vnode.Tell(new CoordinatedPut("b", Bytes(key), context ?? CausalContext.Empty, value is null ? Sibling.Tombstone(2) : Value(value), false, SiblingLimits.Default), TestActor);
        return ExpectMsg<CoordinatedPutAck>().Object;
    }

    private SiblingSet Read(IActorRef vnode, string key)
    {
        vnode.Tell(new ReplicaGet("b", Bytes(key)), TestActor);
        return ExpectMsg<ReplicaGetResult>().Object;
    }

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private static Sibling Value(string text) =>
        new(System.Text.Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(1, "text/plain"));
}
