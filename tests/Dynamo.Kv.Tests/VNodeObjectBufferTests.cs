using System.Text;
using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>One vnode whose journal writes the test holds back: buffered writes against durable ones.</summary>
public sealed class VNodeObjectBufferTests() : KvTestKit, IAsyncLifetime
{
    private const string Bucket = "b";
    private static readonly byte[] Key = "k"u8.ToArray();
    private readonly JournalGate _gate = JournalGate.Holding<ObjectStored>();
    private IActorRef _vnode = null!;

    private ObjectBufferStats Stats => ObjectBufferCounter.Of(Sys).Snapshot();

    public async Task InitializeAsync()
    {
        await Journal.OnWrite.SetInterceptorAsync(_gate);
        _vnode = Sys.ActorOf(VNodeProps("a", 0));
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        _gate.Open();
        return Task.CompletedTask;
    }

    [Fact(Timeout = 30_000)]
    public async Task Buffered_write_is_acknowledged_before_the_journal_stores_it_and_a_read_in_between_sees_it()
    {
        var written = Value("v1", "c/1");

        _vnode.Tell(new BufferedReplicaPut(Bucket, Key, written), TestActor);
        var ack = ExpectMsg<ReplicaPutAck>();
        var storedAtAck = await StoredAsync();
        var read = Read();
        _gate.Open();

        Assert.Equal(("a", 0), (ack.Node, ack.Partition));
        Assert.Null(storedAtAck);
        Assert.Equal(written, read);
        await Eventually.AssertAsync(async () => Assert.Equal(written, await StoredAsync()));
        Assert.Equal(new ObjectBufferStats(BufferedAcks: 1, DurableAcks: 0, FailedAfterAck: 0, BufferReads: 1), Stats);
    }

    [Fact]
    public void Durable_writes_still_wait_for_the_journal_and_are_not_read_from_memory()
    {
        _vnode.Tell(new ReplicaPut(Bucket, Key, Value("v1", "c/1")), TestActor);
        _vnode.Tell(new CoordinatedPut(Bucket, "other"u8.ToArray(), CausalContext.Empty, Sibling("v2"), false, SiblingLimits.Default), TestActor);
        // The vnode has one journal write in flight at a time: the second event waits behind the held first one.
        AwaitAssert(() => Assert.Equal(1, _gate.Held), TimeSpan.FromSeconds(10));
        var readWhileHeld = Read();
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _gate.Open();

        Assert.True(readWhileHeld.IsEmpty);
        var answers = new[] { ExpectMsg<object>(), ExpectMsg<object>() };
        Assert.Single(answers.OfType<ReplicaPutAck>());
        Assert.Single(answers.OfType<CoordinatedPutAck>());
        Assert.Equal(new ObjectBufferStats(BufferedAcks: 0, DurableAcks: 2, FailedAfterAck: 0, BufferReads: 0), Stats);
    }

    [Fact(Timeout = 30_000)]
    public async Task Buffered_write_the_journal_fails_after_its_ack_is_logged_and_counted_and_the_vnode_started_again_serves_the_durable_object()
    {
        var durable = Value("v1", "c/1");
        _gate.Open();
        _vnode.Tell(new ReplicaPut(Bucket, Key, durable), TestActor);
        ExpectMsg<ReplicaPutAck>();
        _gate.Close();
        var buffered = durable.Update(durable.Context, Sibling("v2"), "c/1");
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));
        Watch(_vnode);

        _vnode.Tell(new BufferedReplicaPut(Bucket, Key, buffered), TestActor);
        ExpectMsg<ReplicaPutAck>();
        var readFromBuffer = Read();
        _gate.Fail("disk full");
        var logged = errors.FishForMessage<Error>(e => e.Message.ToString()!.Contains("stops"), TimeSpan.FromSeconds(10));
        ExpectTerminated(_vnode);
        await Journal.OnWrite.Pass();
        _vnode = Sys.ActorOf(VNodeProps("a", 0));
        var readAfterFailure = Read();

        Assert.Equal(buffered, readFromBuffer);
        Assert.Contains("disk full", logged.Cause?.Message);
        Assert.Equal(durable, readAfterFailure);
        Assert.Equal(new ObjectBufferStats(BufferedAcks: 1, DurableAcks: 1, FailedAfterAck: 1, BufferReads: 1), Stats);
    }

    private SiblingSet Read()
    {
        _vnode.Tell(new ReplicaGet(Bucket, Key), TestActor);
        return ExpectMsg<ReplicaGetResult>().Object;
    }

    private async Task<SiblingSet?> StoredAsync()
    {
        var live = await VNodeJournal.LiveObjectsAsync(Sys, 0);
        return live.TryGetValue(Convert.ToHexString(ObjectKey.Encode(Bucket, Key)), out var bytes) ? SiblingSetSerializer.Deserialize(bytes) : null;
    }

    // What a coordinator with actor id <paramref name="writer"/> makes of a first write.
    private static SiblingSet Value(string text, string writer) => SiblingSet.Empty.Update(CausalContext.Empty, Sibling(text), writer);

    private static Sibling Sibling(string text) => new(Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(1, "text/plain"));
}
