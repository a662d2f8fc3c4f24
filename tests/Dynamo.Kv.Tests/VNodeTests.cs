using Dynamo.Storage;
using Dynamo.Storage.InMemory;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>One vnode over in-memory storage, driven directly.</summary>
public sealed class VNodeTests() : KvTestKit
{
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void Pipelined_blind_writes_to_one_key_all_survive_as_siblings()
    {
        var vnode = Sys.ActorOf(VNode.Props("a", 0, new InMemoryStoragePlugin().KeyValues));

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
        var vnode = Sys.ActorOf(VNode.Props("a", 0, new InMemoryStoragePlugin().KeyValues));
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

    [Fact]
    public void Replica_write_drops_dominated_versions_and_keeps_concurrent_ones()
    {
        var vnode = Sys.ActorOf(VNode.Props("a", 0, new InMemoryStoragePlugin().KeyValues));
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

    [Fact]
    public void Write_is_acknowledged_only_after_storage_completed()
    {
        var gated = new GatedKeyValueStore(new InMemoryStoragePlugin().KeyValues);
        var vnode = Sys.ActorOf(VNode.Props("a", 0, gated));

        vnode.Tell(new CoordinatedPut("b", Key, CausalContext.Empty, Value("v"), LastWriteWins: false, SiblingLimits.Default), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        gated.Open();

        Assert.Equal("a", ExpectMsg<CoordinatedPutAck>().Node);
    }

    [Fact(Timeout = 30_000)]
    public async Task Unreadable_stored_bytes_fail_the_write_with_a_reason()
    {
        var store = new InMemoryStoragePlugin().KeyValues;
        await store.PutAsync(0, [new KeyValueEntry(ObjectKey.Encode("b", Key), new byte[] { 0x09 })]);
        var vnode = Sys.ActorOf(VNode.Props("a", 0, store));

        vnode.Tell(new CoordinatedPut("b", Key, CausalContext.Empty, Value("v"), LastWriteWins: false, SiblingLimits.Default), TestActor);

        var failure = ExpectMsg<VNodeFailure>();
        Assert.Contains("unknown format version 9", failure.Reason);
    }

    private static Sibling Value(string text) =>
        new(System.Text.Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(1, "text/plain"));
}
