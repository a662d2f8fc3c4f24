using System.Text;
using Akka.Actor;
using Akka.Event;
using Dynamo.Storage;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>One vnode over a real SQLite file whose writes the test holds back: buffered writes against durable ones.</summary>
public sealed class VNodeObjectBufferTests() : KvTestKit, IAsyncLifetime
{
    private const string Bucket = "b";
    private static readonly byte[] Key = "k"u8.ToArray();
    private static readonly byte[] StorageKey = ObjectKey.Encode(Bucket, Key);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-buffer-" + Guid.NewGuid().ToString("N"));
    private IStoragePlugin _sqlite = null!;
    private GatedKeyValueStore _gate = null!;
    private IActorRef _vnode = null!;

    private ObjectBufferStats Stats => ObjectBufferCounter.Of(Sys).Snapshot();

    public async Task InitializeAsync()
    {
        _sqlite = await StoragePlugins.CreateAsync(new StorageSettings
        {
            Plugin = StoragePlugins.Sqlite,
            NodeId = "a",
            Sqlite = new SqliteSettings { DataDirectory = _directory },
        });
        _gate = new GatedKeyValueStore(_sqlite.KeyValues);
        _vnode = Sys.ActorOf(VNode.Props("a", 0, _gate));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        _gate.Open();
        await Sys.Terminate();
        await _sqlite.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact(Timeout = 30_000)]
    public async Task Buffered_write_is_acknowledged_before_storage_completes_and_a_read_in_between_sees_it()
    {
        var written = Value("v1", "c/1");

        _vnode.Tell(new BufferedReplicaPut(Bucket, Key, written), TestActor);
        var ack = ExpectMsg<ReplicaPutAck>();
        var storedAtAck = await _sqlite.KeyValues.GetAsync(0, StorageKey);
        var read = Read();
        _gate.Open();

        Assert.Equal(("a", 0), (ack.Node, ack.Partition));
        Assert.Null(storedAtAck);
        Assert.Equal(written, read);
        await Eventually.AssertAsync(async () => Assert.Equal(written, Stored(await _sqlite.KeyValues.GetAsync(0, StorageKey))));
        Assert.Equal(new ObjectBufferStats(BufferedAcks: 1, DurableAcks: 0, FailedAfterAck: 0, BufferReads: 1), Stats);
    }

    [Fact]
    public void Durable_writes_still_wait_for_storage_and_are_not_read_from_memory()
    {
        _vnode.Tell(new ReplicaPut(Bucket, Key, Value("v1", "c/1")), TestActor);
        _vnode.Tell(new CoordinatedPut(Bucket, "other"u8.ToArray(), CausalContext.Empty, Sibling("v2"), false, SiblingLimits.Default), TestActor);
        AwaitAssert(() => Assert.Equal(2, _gate.Held), TimeSpan.FromSeconds(10));
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
    public async Task Buffered_write_that_fails_in_storage_after_its_ack_is_logged_counted_and_later_reads_come_from_storage()
    {
        var durable = Value("v1", "c/1");
        await _sqlite.KeyValues.PutAsync(0, [new KeyValueEntry(StorageKey, SiblingSetSerializer.Serialize(durable))]);
        var buffered = durable.Update(durable.Context, Sibling("v2"), "c/1");
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));

        _vnode.Tell(new BufferedReplicaPut(Bucket, Key, buffered), TestActor);
        ExpectMsg<ReplicaPutAck>();
        var readFromBuffer = Read();
        _gate.Fail("disk full");
        var logged = errors.FishForMessage<Error>(e => e.Message.ToString()!.Contains("Buffered write"), TimeSpan.FromSeconds(10));
        var readAfterFailure = Read();

        Assert.Equal(buffered, readFromBuffer);
        Assert.Contains("disk full", logged.Message.ToString());
        Assert.Equal(durable, readAfterFailure);
        Assert.Equal(new ObjectBufferStats(BufferedAcks: 1, DurableAcks: 0, FailedAfterAck: 1, BufferReads: 1), Stats);
    }

    private SiblingSet Read()
    {
        _vnode.Tell(new ReplicaGet(Bucket, Key), TestActor);
        return ExpectMsg<ReplicaGetResult>().Object;
    }

    private static SiblingSet? Stored(byte[]? bytes) => bytes is null ? null : SiblingSetSerializer.Deserialize(bytes);

    // What a coordinator with actor id <paramref name="writer"/> makes of a first write.
    private static SiblingSet Value(string text, string writer) => SiblingSet.Empty.Update(CausalContext.Empty, Sibling(text), writer);

    private static Sibling Sibling(string text) => new(Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(1, "text/plain"));
}
