using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;
using Dynamo.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Dynamo.Kv.Tests.Persistence;

/// <summary>
/// An ownership transfer between two nodes' vnodes, each on its own SQLite journal, interrupted part way through
/// the fold by stopping one side's actor system and starting it again on the same file: the transfer resumes where
/// the receiver's journal says the fold got, and every object written before and during the interruption arrives.
/// </summary>
public sealed class HandoffResumeSqliteTests(ITestOutputHelper output) : IDisposable
{
    private const int Partition = 5;
    private const int Objects = 40;
    private const int BatchSize = 5;
    // The gate lets this many fold batches through (k00..k14) and holds everything after them.
    private const int BatchesBeforeTheCut = 3;
    private static readonly TimeSpan Wait = TimeFactor.Dilated(TimeSpan.FromSeconds(20));
    private static readonly HandoffSettings Handoff = new()
    {
        BatchSize = BatchSize,
        AckTimeout = TimeFactor.Dilated(TimeSpan.FromSeconds(3)),
        RetryInterval = TimeSpan.FromMilliseconds(200),
        ReadThroughTimeout = TimeSpan.FromSeconds(1),
    };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-handoff-resume-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, List<string>> _written = new(StringComparer.Ordinal);
    private readonly ValueCache _cache = new(16 * 1024 * 1024);

    [Fact(Timeout = 120_000)]
    public async Task A_transfer_whose_old_owner_stopped_mid_fold_resumes_after_its_restart_and_loses_no_write()
    {
        await using var b = await StartAsync("b");
        var receiver = b.System.ActorOf(VNode.Props("b", Partition, new VNodeSettings(), _cache, Wiring(b.System)));
        var gate = b.System.ActorOf(Props.Create(() => new Gate(receiver, BatchesBeforeTheCut)));

        await using (var a = await StartAsync("a"))
        {
            var source = a.System.ActorOf(VNode.Props("a", Partition, new VNodeSettings(), _cache, Wiring(a.System)));
            for (var i = 0; i < Objects; i++) await WriteAsync(source, $"k{i:00}", $"v{i}", "w0");
            var first = StartSender(a.System, source, gate);
            await UntilAsync(() => first.Latest?.ObjectsSent == BatchesBeforeTheCut * BatchSize, "the first three batches acknowledged");
            // Written after the fold passed their keys: only the old vnode's memory knows it must send them again,
            // and that memory goes with its system.
            await WriteAsync(source, "k02", "k02-late", "w1");
            await WriteAsync(source, "k05x", "k05x-new", "w1");
            await WriteAsync(source, "k07", "k07-late", "w1");
        }

        await using (var a = await StartAsync("a"))
        {
            var source = a.System.ActorOf(VNode.Props("a", Partition, new VNodeSettings(), _cache, Wiring(a.System)));
            // Accepted after the restart while no transfer ran yet: the vnode was not tracking its writes for one.
            await WriteAsync(source, "k03", "k03-late", "w1");
            var second = StartSender(a.System, source, receiver);
            await UntilAsync(() => second.Latest?.State == TransferState.Completed, "the resumed transfer completed");

            var done = second.Latest!;
            output.WriteLine($"first attempt: {BatchesBeforeTheCut * BatchSize} objects acknowledged before the stop; "
                + $"after the restart: {done.ObjectsSent} sent, {done.ObjectsSkipped} held by the receiver already, {done.Attempts} attempt(s), of {_written.Count} objects");
            AssertResumed(done, changedBeforeTheCut: 3);
            Assert.Equal(0, (await source.Ask<ObjectsHeld>(HoldsObjects.Instance, Wait)).Keys);
        }

        await AssertReceiverHoldsEveryWriteAsync(receiver);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_transfer_whose_receiver_restarted_mid_fold_resumes_from_the_progress_in_the_receivers_journal()
    {
        // A snapshot every few events on the receiver: its progress comes back from a snapshot and the events after it.
        var receiving = new VNodeSettings { SnapshotEvery = 4 };
        await using var a = await StartAsync("a");
        var source = a.System.ActorOf(VNode.Props("a", Partition, new VNodeSettings(), _cache, Wiring(a.System)));
        for (var i = 0; i < Objects; i++) await WriteAsync(source, $"k{i:00}", $"v{i}", "w0");

        var b = await StartAsync("b");
        var receiver = b.System.ActorOf(VNode.Props("b", Partition, receiving, _cache, Wiring(b.System)));
        var gate = a.System.ActorOf(Props.Create(() => new Gate(receiver, BatchesBeforeTheCut)));
        var log = StartSender(a.System, source, gate);
        await UntilAsync(() => log.Latest?.ObjectsSent == BatchesBeforeTheCut * BatchSize, "the first three batches acknowledged");
        await b.DisposeAsync();

        // While the receiver is down the old owner goes on accepting writes, to keys the fold passed too.
        await WriteAsync(source, "k01", "k01-late", "w1");
        await WriteAsync(source, "k10x", "k10x-new", "w1");

        await using var restarted = await StartAsync("b");
        receiver = restarted.System.ActorOf(VNode.Props("b", Partition, receiving, _cache, Wiring(restarted.System)));
        gate.Tell(new Route(receiver, int.MaxValue));
        await UntilAsync(() => log.Latest?.State == TransferState.Completed, "the resumed transfer completed");

        var done = log.Latest!;
        output.WriteLine($"first attempt: {BatchesBeforeTheCut * BatchSize} objects acknowledged before the receiver stopped; "
            + $"last attempt (of {done.Attempts}): {done.ObjectsSent} sent, {done.ObjectsSkipped} held by the receiver already, of {_written.Count} objects");
        Assert.True(done.Attempts >= 2, $"{done}");
        AssertResumed(done, changedBeforeTheCut: 1);
        await AssertReceiverHoldsEveryWriteAsync(receiver);
    }

    public void Dispose()
    {
        _cache.Dispose();
        // Pooled connections keep the files open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    // The resumed attempt skips what the cut-off fold got across, except the keys written since, and sends every
    // other object once: the fold's rest, and the keys before the cut written since its mark.
    private void AssertResumed(TransferStatus done, int changedBeforeTheCut)
    {
        Assert.Equal(TransferState.Completed, done.State);
        Assert.True(done.ObjectsSkipped >= BatchesBeforeTheCut * BatchSize - changedBeforeTheCut, $"{done}");
        Assert.True(done.ObjectsSent < _written.Count, $"{done}");
        Assert.Equal(_written.Count, done.ObjectsSent + done.ObjectsSkipped);
    }

    private async Task AssertReceiverHoldsEveryWriteAsync(IActorRef receiver)
    {
        foreach (var (key, values) in _written)
        {
            var held = await receiver.Ask<ReplicaGetResult>(new ReplicaGet("b", Encoding.UTF8.GetBytes(key)), Wait);
            Assert.Equal(values.Order(), held.Object.Siblings.Select(s => Encoding.UTF8.GetString(s.Value.Span)).Order());
        }
    }

    // A replica write of a version concurrent with the key's earlier ones: the key ends with one sibling per write.
    private async Task WriteAsync(IActorRef vnode, string key, string value, string writer)
    {
        var set = SiblingSet.Empty.Update(CausalContext.Empty, new Sibling(Encoding.UTF8.GetBytes(value), SiblingMetadata.Value(1, "text/plain")), writer);
        await vnode.Ask<ReplicaPutAck>(new ReplicaPut("b", Encoding.UTF8.GetBytes(key), set), Wait);
        if (!_written.TryGetValue(key, out var values)) _written[key] = values = [];
        values.Add(value);
    }

    // The ring manager's part: arm the old vnode, then start the sender as a child reporting its progress.
    private static StatusLog StartSender(ActorSystem system, IActorRef source, IActorRef target)
    {
        var log = new StatusLog();
        var incarnation = SystemIncarnation.Of(system);
        source.Tell(new HandOffTo("b", target));
        var sender = OwnershipHandoff.Props("a", incarnation, Partition, "b", target, source, Handoff);
        system.ActorOf(Props.Create(() => new ProgressParent(sender, log)));
        return log;
    }

    private static HandoffWiring Wiring(ActorSystem system) => new(new LocalNodeDirectory(), SystemIncarnation.Of(system), Handoff);

    private static Task UntilAsync(Func<bool> condition, string what) =>
        Eventually.AssertAsync(() =>
        {
            Assert.True(condition(), $"waiting for {what}");
            return Task.CompletedTask;
        }, TimeFactor.Dilated(TimeSpan.FromSeconds(60)));

    // The node's journal as the node sets it up: Akka.Persistence.Sql on a SQLite file in the node's own folder.
    // The plugin sends itself messages no serializer can write, so these systems skip serialize-messages.
    private Task<TestNode> StartAsync(string node)
    {
        var dynamo = ConfigurationFactory.ParseString($"""
            dynamo.persistence.plugin = sqlite
            dynamo.persistence.sqlite.data-directory = "{Path.Combine(_directory, node)}"
            """).WithFallback(DynamoConfig.Reference());
        return TestNode.StartAsync(
            ConfigurationFactory.ParseString("akka.actor.serialize-messages = off").WithFallback(JournalConfig.For(dynamo, node)).WithFallback(KvTestConfig.Local),
            JournalConfig.SetupFor(dynamo, node),
            Wait);
    }

    /// <summary>The latest status a sender reported, read by the test thread.</summary>
    private sealed class StatusLog
    {
        private TransferStatus? _latest;

        public TransferStatus? Latest => Volatile.Read(ref _latest);

        public void Record(TransferStatus status) => Volatile.Write(ref _latest, status);
    }

    /// <summary>Parent of a sender, keeping its progress reports.</summary>
    private sealed class ProgressParent : ReceiveActor
    {
        public ProgressParent(Props child, StatusLog log)
        {
            Context.ActorOf(child);
            Receive<TransferProgress>(p => log.Record(p.Status));
        }
    }

    /// <summary>
    /// The wire between sender and receiver: passes messages on (replies go straight back) until it has passed its
    /// number of batches, then holds everything, as a network that went quiet, until routed again.
    /// </summary>
    private sealed class Gate : ReceiveActor
    {
        private IActorRef _target;
        private int _batchesLeft;

        public Gate(IActorRef target, int batches)
        {
            _target = target;
            _batchesLeft = batches;
            Receive<Route>(r => (_target, _batchesLeft) = (r.Target, r.Batches));
            ReceiveAny(message =>
            {
                if (_batchesLeft <= 0) return;
                if (message is HandoffBatch) _batchesLeft--;
                _target.Forward(message);
            });
        }
    }

    private sealed record Route(IActorRef Target, int Batches) : INoSerializationVerificationNeeded;
}
