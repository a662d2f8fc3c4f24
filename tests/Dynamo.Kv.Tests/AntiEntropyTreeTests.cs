using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>A vnode's hash trees: built from the key index when first asked, then kept current by writes and reaps.</summary>
public sealed class AntiEntropyTreeTests() : KvTestKit
{
    private static readonly TreeSpec Spec = new(4, 256, 16);
    private static readonly string[] Keys = ["k1", "k2", "k3", "k4", "k5"];

    [Fact]
    public void Tree_built_from_the_index_tracks_later_writes_and_reaps()
    {
        var vnode = Sys.ActorOf(VNodeProps("a", 0));
        var stored = new Dictionary<string, SiblingSet>();
        stored["k1"] = Write(vnode, "k1", "before the build");
        AssertTreeHolds(vnode, stored);

        stored["k2"] = Write(vnode, "k2", "after the build");
        stored["k1"] = Write(vnode, "k1", "overwritten", stored["k1"].Context);
        AssertTreeHolds(vnode, stored);

        var tombstone = Write(vnode, "k1", null, stored["k1"].Context);
        vnode.Tell(new ReapTombstone("b", Bytes("k1"), tombstone), TestActor);
        Assert.True(ExpectMsg<TombstoneReaped>().Reaped);
        stored.Remove("k1");
        AssertTreeHolds(vnode, stored);
    }

    [Fact]
    public void Vnode_started_again_over_the_same_journal_rebuilds_the_same_tree()
    {
        var first = Sys.ActorOf(VNodeProps("a", 0));
        var stored = Keys.ToDictionary(k => k, k => Write(first, k, "v-" + k));
        var roots = Roots(first);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Sys.ActorOf(VNodeProps("a", 0));

        Assert.Equal(roots, Roots(second));
        Assert.Contains(roots, r => r != 0);
        AssertTreeHolds(second, stored);
    }

    [Fact(Timeout = 30_000)]
    public async Task Tree_built_while_a_write_is_in_flight_holds_that_write()
    {
        var before = SiblingSet.Empty.Update(CausalContext.Empty, Value("stored before start"), "x/1");
        await VNodeJournal.WriteAsync(Sys, 0, new ObjectStored(ObjectKey.Encode("b", Bytes("k1")), SiblingSetSerializer.Serialize(before)));
        var gated = JournalGate.Holding<ObjectStored>();
        await Journal.OnWrite.SetInterceptorAsync(gated);
        var inFlight = SiblingSet.Empty.Update(CausalContext.Empty, Value("not durable yet"), "y/1");
        var vnode = Sys.ActorOf(VNodeProps("a", 0));
        var stored = new Dictionary<string, SiblingSet> { ["k1"] = before, ["k2"] = inFlight };

        // The journal holds the write back, so the index cannot hold it yet: the tree learns of it from the write.
        vnode.Tell(new ReplicaPut("b", Bytes("k2"), inFlight), TestActor);
        await gated.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        AssertTreeHolds(vnode, stored);
        gated.Open();

        ExpectMsg<ReplicaPutAck>();
        AssertTreeHolds(vnode, stored);
    }

    [Fact]
    public void Equal_objects_hash_equal_whatever_order_their_versions_arrived_in()
    {
        var left = SiblingSet.Empty.Update(CausalContext.Empty, Value("l"), "x/1");
        var right = SiblingSet.Empty.Update(CausalContext.Empty, Value("r"), "y/1");

        Assert.Equal(ObjectDigest.Of(left.Sync(right)), ObjectDigest.Of(right.Sync(left)));
        Assert.NotEqual(ObjectDigest.Of(left), ObjectDigest.Of(left.Sync(right)));
    }

    // Compares the vnode's roots of every range with trees built from what the test wrote.
    private void AssertTreeHolds(IActorRef vnode, Dictionary<string, SiblingSet> stored)
    {
        var expected = new RangeHashTrees(Spec);
        foreach (var (key, set) in stored) expected.Track(ObjectKey.Encode("b", Bytes(key)), SiblingSet.Empty, set);
        Assert.Equal(Enumerable.Range(0, Spec.PartitionCount).Select(expected.RootOf).ToList(), Roots(vnode));
    }

    private List<ulong> Roots(IActorRef vnode) =>
        [.. Enumerable.Range(0, Spec.PartitionCount).Select(range =>
        {
            vnode.Tell(new GetTreeHashes(Spec, range, 0, [0]), TestActor);
            return Assert.Single(ExpectMsg<TreeHashes>().Hashes);
        })];

    private SiblingSet Write(IActorRef vnode, string key, string? value, CausalContext? context = null)
    {
        vnode.Tell(new CoordinatedPut("b", Bytes(key), context ?? CausalContext.Empty, value is null ? Sibling.Tombstone(2) : Value(value), false, SiblingLimits.Default), TestActor);
        return ExpectMsg<CoordinatedPutAck>().Object;
    }

    private static byte[] Bytes(string key) => System.Text.Encoding.UTF8.GetBytes(key);

    private static Sibling Value(string text) =>
        new(System.Text.Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(1, "text/plain"));
}
