using Akka.Actor;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>A vnode reaps a tombstone only while it stores exactly that tombstone.</summary>
public sealed class VNodeReapingTests() : KvTestKit
{
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact(Timeout = 30_000)]
    public async Task Reap_removes_the_tombstone_it_names_from_the_journal()
    {
        var vnode = Start();
        var tombstone = Deleted(vnode);

        vnode.Tell(new ReapTombstone("b", Key, tombstone), TestActor);

        Assert.Equal(new TombstoneReaped("a", 0, true), ExpectMsg<TombstoneReaped>());
        Assert.True(Read(vnode).IsEmpty);
        Assert.Empty(await VNodeJournal.LiveObjectsAsync(Sys, 0));
        Assert.IsType<ObjectReaped>((await VNodeJournal.EventsAsync(Sys, 0))[^1]);
    }

    [Fact]
    public void Newer_write_between_delete_and_reap_survives_the_reap()
    {
        var vnode = Start();
        var tombstone = Deleted(vnode);
        var newer = tombstone.Update(tombstone.Context, Value("newer"), "b/7");
        vnode.Tell(new ReplicaPut("b", Key, newer), TestActor);
        ExpectMsg<ReplicaPutAck>();

        vnode.Tell(new ReapTombstone("b", Key, tombstone), TestActor);

        Assert.False(ExpectMsg<TombstoneReaped>().Reaped);
        Assert.Equal(newer, Read(vnode));
    }

    [Fact]
    public void Concurrent_write_between_delete_and_reap_keeps_the_key()
    {
        var vnode = Start();
        var tombstone = Deleted(vnode);
        vnode.Tell(new ReplicaPut("b", Key, SiblingSet.Empty.Update(CausalContext.Empty, Value("concurrent"), "c/3")), TestActor);
        ExpectMsg<ReplicaPutAck>();

        vnode.Tell(new ReapTombstone("b", Key, tombstone), TestActor);

        Assert.False(ExpectMsg<TombstoneReaped>().Reaped);
        Assert.Contains(Read(vnode).Siblings, s => !s.IsTombstone);
    }

    private IActorRef Start() => Sys.ActorOf(VNodeProps("a", 0));

    private SiblingSet Deleted(IActorRef vnode)
    {
        vnode.Tell(new CoordinatedPut("b", Key, CausalContext.Empty, Value("v"), false, SiblingLimits.Default), TestActor);
        var written = ExpectMsg<CoordinatedPutAck>().Object;
        vnode.Tell(new CoordinatedPut("b", Key, written.Context, Sibling.Tombstone(2), false, SiblingLimits.Default), TestActor);
        return ExpectMsg<CoordinatedPutAck>().Object;
    }

    private SiblingSet Read(IActorRef vnode)
    {
        vnode.Tell(new ReplicaGet("b", Key), TestActor);
        return ExpectMsg<ReplicaGetResult>().Object;
    }

    private static Sibling Value(string text) =>
        new(System.Text.Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(1, "text/plain"));
}
