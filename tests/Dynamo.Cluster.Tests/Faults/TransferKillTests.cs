using System.Diagnostics;
using System.Text;
using Dynamo.Client;
using Dynamo.Testing;
using Xunit.Abstractions;

namespace Dynamo.Cluster.Tests.Faults;

/// <summary>
/// Ownership transfers cut by SIGKILL: a node joins three that hold 1,500 objects, and while partitions
/// stream to their new owners the sender (or the receiver) of one transfer is killed and restarted on its data.
/// The transfer must resume where the receiver's durable progress says rather than start over (objects skipped,
/// not sent again), every transfer must complete, and no acknowledged write, from before the join or written while
/// the transfers ran, may be lost.
/// </summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class TransferKillTests(ITestOutputHelper output)
{
    private const int Preloaded = 1500;
    private const int Joiner = 3;

    // Objects a transfer must have had acknowledged in its current attempt when the kill strikes. A fold goes in key
    // order and the write load's bucket name is the shorter, so its keys (at most 24 per partition, rewritten all the
    // time) come first; a resumed fold sends those again as written since its mark. Past them, the objects the
    // receiver holds from before the kill are ones written before the join, which a resumed attempt skips.
    private const int SentBeforeKill = 30;

    // One object per batch: each is a round trip ending in a durable write on the receiver, so a partition of a few
    // hundred objects takes seconds to move, long enough to catch it part-way by polling. A restarted node counts as
    // back once its ring is installed, which waits for the transfers into it: longer than a plain restart takes. The
    // join's wait spans the catch, the kill, the restart and those transfers, on a machine that may be starved.
    private static readonly ProcessClusterOptions SlowTransfers = Scenarios.Restartable with
    {
        Settings = ["dynamo.kv.handoff.batch-size = 1"],
        FormationTimeout = TimeSpan.FromSeconds(120),
        LogLinesInFailures = 60,
    };

    [Fact]
    public async Task A_sender_killed_mid_transfer_resumes_where_the_receiver_left_off_and_no_acknowledged_write_is_lost()
    {
        // Node 0 runs Cluster.Sharding's coordinator; a sender among the others is killed.
        await RunAsync("sender", (_, node, _) => node is 1 or 2, node => node);
    }

    [Fact]
    public async Task A_receiver_killed_mid_transfer_resumes_where_it_left_off_and_no_acknowledged_write_is_lost()
    {
        await RunAsync("receiver", (cluster, _, transfer) => transfer.To == cluster[Joiner].NodeId, _ => Joiner);
    }

    // wanted: which transfer (on which sending node) to catch; victimOf: which node to kill, given the sending node.
    private async Task RunAsync(string killed, Func<ProcessCluster, int, DynamoTransfer, bool> wanted, Func<int, int> victimOf)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var ct = timeout.Token;
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(3, SlowTransfers, ct);
        var formed = clock.Elapsed;

        var preload = new History($"transfer-kill-{killed}-preload");
        await PreloadAsync(cluster, preload, ct);
        // The transfers of the cluster's own formation finish first (a slow machine stretches them), so every transfer
        // caught below is one of the join's.
        await AwaitTransfersDoneAsync(cluster, new TransferLog(), ct);
        var preloaded = clock.Elapsed;

        // Writes go on through the whole transfer; a client whose node is down sends through node 0 instead.
        var history = new History($"transfer-kill-{killed}");
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var load = new WriteLoad(i => cluster.Client(cluster[i].IsRunning ? i : 0), [0, 1, 2], history, new WriteLoadOptions
        {
            Clients = 3, Keys = 24, Duration = TimeSpan.FromSeconds(120), W = _ => 2, R = _ => 2, Pause = TimeSpan.FromMilliseconds(20), Seed = 53,
        });
        var running = load.RunAsync(stopLoad.Token);

        var log = new TransferLog();
        var joining = cluster.AddNodeAsync(ct);
        var (sender, caught) = await CatchMidTransferAsync(cluster, log, wanted, ct);
        var victim = victimOf(sender);
        cluster.Kill(victim);
        var killedAt = DateTimeOffset.UtcNow;
        var killedAfter = clock.Elapsed;
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watching = WatchAsync(cluster, log, stopWatching.Token);
        // Down for a while under the write load, so writes meet the transfers with one side gone. The restart comes
        // before the join is awaited: until the dead incarnation is replaced, Cluster.Sharding cannot move a shard
        // (every region must acknowledge a rebalance) and the joiner may still be Joining.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var restartedAt = DateTimeOffset.UtcNow;
        var restartedAfter = clock.Elapsed;
        await cluster.RestartAsync(victim, ct);
        await joining;
        var backAt = DateTimeOffset.UtcNow;
        var backAfter = clock.Elapsed;

        await AwaitTransfersDoneAsync(cluster, log, ct);
        var doneAfter = clock.Elapsed;
        await stopWatching.CancelAsync();
        await watching;
        await stopLoad.CancelAsync();
        await running;

        // A later attempt than the one the kill cut: the restarted sender's, or the sender's next one, which only the
        // restarted receiver could accept (an attempt's skipped count is set once a live receiver answered its begin).
        var resumed = log.After(restartedAt)
            .Where(o => o.Transfer.From == caught.From && o.Transfer.Partition == caught.Partition && (victim == sender || o.Transfer.Attempts > caught.Attempts))
            .ToList();
        var skipped = resumed.Select(o => o.Transfer.ObjectsSkipped).DefaultIfEmpty(0).Max();
        var attempts = resumed.Select(o => o.Transfer.Attempts).DefaultIfEmpty(0).Max();
        var events = $"node {victim} ({killed}) killed at {killedAfter.TotalSeconds:0.0} s while node {sender} sent partition {caught.Partition} to {caught.To} "
            + $"({caught.ObjectsSent} objects sent, attempt {caught.Attempts}), restarted at {restartedAfter.TotalSeconds:0.0} s and back by {backAfter.TotalSeconds:0.0} s, "
            + $"every transfer done by {doneAfter.TotalSeconds:0.0} s; after the restart that transfer showed at most {skipped} objects skipped, up to attempt {attempts}";
        output.WriteLine($"formed in {formed.TotalSeconds:0.0} s, {Preloaded} objects written by {preloaded.TotalSeconds:0.0} s; {events}");
        output.WriteLine("transfers seen after the restart, highest skipped per transfer: " + log.Summary(restartedAt));

        // The acknowledged writes first: a lost write says more than a transfer that started over.
        // R = 2 through the restarted node meets W = 2 (N = 3): each read asks a quorum of the key's owners after the moves.
        var preloadVerdict = await Checker.CheckAsync(preload, [($"node {victim}", cluster.Client(victim))], new CheckerOptions { R = 2 }, ct);
        output.WriteLine($"objects written before the join: {preloadVerdict.Describe()}");
        Assert.True(preloadVerdict.IsValid, events + "\n" + preloadVerdict.Describe() + "\n" + HandoffLog(cluster) + "\n" + cluster.Describe());
        var verdict = await Checker.CheckAsync(history, cluster, new CheckerOptions { R = 2 }, ct);
        output.WriteLine($"writes during the transfers: {verdict.Describe()}; whole scenario {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(verdict.IsValid, events + "\n" + Scenarios.Explain(verdict, history) + "\n" + HandoffLog(cluster) + "\n" + cluster.Describe());
        Assert.Contains(history.Writes, w => w.Outcome == WriteOutcome.Acknowledged && w.Started > killedAt && w.Ended < backAt);

        // Resumed, not started over: the receiver durably held the batches acknowledged before the kill.
        Assert.True(skipped > 0, events + "\n" + log.Summary(restartedAt) + "\n" + HandoffLog(cluster) + "\n" + cluster.Describe());
    }

    // Blind puts of distinct keys, W = 2, recorded so the checker can read them all back.
    private static async Task PreloadAsync(ProcessCluster cluster, History preload, CancellationToken ct)
    {
        const int writers = 6;
        var value = new string('v', 64);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var i = writer; i < Preloaded; i += writers)
            {
                var node = i % 3;
                var key = $"p{i}";
                var text = $"{value}-{i}";
                var write = preload.BeginPut(key, text, null, writer, node);
                try
                {
                    write.Acknowledge(await cluster.Client(node).PutAsync(preload.Bucket, key, Encoding.UTF8.GetBytes(text), "text/plain", null, 2, ct));
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    var (notWritten, reason) = WriteLoad.Classify(e);
                    if (notWritten) write.NotWritten(reason);
                    else write.Unknown(reason);
                }
            }
        }, ct)));
        var acknowledged = preload.Writes.Count(w => w.Outcome == WriteOutcome.Acknowledged);
        Assert.True(acknowledged > Preloaded * 9 / 10, $"only {acknowledged} of {Preloaded} writes before the join were acknowledged: {preload.Summary()}\n{cluster.Describe()}");
    }

    // Polls the old members' transfers until one chosen by wanted is sending, past the load's keys, in this attempt.
    private static async Task<(int Node, DynamoTransfer Transfer)> CatchMidTransferAsync(ProcessCluster cluster, TransferLog log,
        Func<ProcessCluster, int, DynamoTransfer, bool> wanted, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = "(nothing observed yet)";
        while (DateTime.UtcNow < deadline)
        {
            foreach (var node in new[] { 0, 1, 2 })
            {
                try
                {
                    var transfers = await TransfersAsync(cluster, node, ct);
                    log.Record(node, transfers);
                    if (transfers.FirstOrDefault(t => t.State == "Sending" && t.ObjectsSent >= SentBeforeKill && wanted(cluster, node, t)) is { } caught)
                        return (node, caught);
                    if (transfers.Count > 0) last = $"node {node}: " + string.Join(", ", transfers.Select(Show));
                }
                catch (Exception e) when (e is HttpRequestException or DynamoRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
                {
                    last = $"node {node}: {e.GetType().Name}: {e.Message}";
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
        }
        throw new TimeoutException($"no transfer was caught sending within 60 s; last seen: {last}\n{cluster.Describe()}");
    }

    // Records every running node's transfers a few times a second until stopped, so no attempt's figures go unseen.
    private static async Task WatchAsync(ProcessCluster cluster, TransferLog log, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            foreach (var node in cluster.Running)
            {
                try
                {
                    log.Record(node, await TransfersAsync(cluster, node, ct));
                }
                catch (Exception e) when (e is HttpRequestException or DynamoRequestException or TaskCanceledException)
                {
                    // A node starting or stopping answers nothing; the next round asks again.
                }
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Every running node has finished sending and every partition's vnode runs on its owner.
    private static Task AwaitTransfersDoneAsync(ProcessCluster cluster, TransferLog log, CancellationToken ct) =>
        cluster.AwaitAsync(async token =>
        {
            var pending = new List<string>();
            foreach (var node in cluster.Running)
            {
                var transfers = await TransfersAsync(cluster, node, token);
                log.Record(node, transfers);
                pending.AddRange(transfers.Where(t => t.InProgress).Select(t => $"node {node}: {Show(t)}"));
            }
            if (pending.Count > 0) return (false, string.Join("; ", pending));
            foreach (var node in cluster.Running)
            {
                var ring = await Admin(cluster, node).GetRingAsync(token);
                if (ring.Partitions.FirstOrDefault(p => p.Host != p.Owner) is { } moving)
                    return (false, $"node {node} sees partition {moving.Partition} of {moving.Owner} hosted on {moving.Host ?? "no node"}");
            }
            return (true, "");
        }, "every transfer to complete and every partition to be hosted by its owner", TimeSpan.FromSeconds(60), ct);

    // The handoff lines of each node's log (its current process), for a failure message.
    private static string HandoffLog(ProcessCluster cluster) =>
        string.Join("\n", cluster.Nodes.Select(n => $"--- node {n.Index} handoff log:\n" + string.Join("\n", n.Output(2000)
            .Split('\n').Where(line => line.Contains("andoff", StringComparison.Ordinal) && !line.Contains("dead letters", StringComparison.Ordinal)))));

    private static async Task<IReadOnlyList<DynamoTransfer>> TransfersAsync(ProcessCluster cluster, int node, CancellationToken ct) =>
        (await Admin(cluster, node).GetClusterAsync(ct)).Transfers;

    private static DynamoAdminClient Admin(ProcessCluster cluster, int node) => new(cluster[node].Http, cluster[node].Http.BaseAddress!);

    private static string Show(DynamoTransfer t) =>
        $"partition {t.Partition} {t.From}→{t.To} {t.State}, {t.ObjectsSent} sent, {t.ObjectsSkipped} skipped, attempt {t.Attempts}"
        + (t.LastError is { } error ? $" ({error})" : "");

    /// <summary>Every transfer status seen, with when and on which node, to tell what happened after the restart.</summary>
    private sealed class TransferLog
    {
        private readonly object _gate = new();
        private readonly List<(DateTimeOffset At, int Node, DynamoTransfer Transfer)> _seen = [];

        public void Record(int node, IReadOnlyList<DynamoTransfer> transfers)
        {
            var at = DateTimeOffset.UtcNow;
            lock (_gate) _seen.AddRange(transfers.Select(t => (at, node, t)));
        }

        public IReadOnlyList<(DateTimeOffset At, int Node, DynamoTransfer Transfer)> After(DateTimeOffset from)
        {
            lock (_gate) return _seen.Where(s => s.At > from).ToList();
        }

        // The last status of each transfer, with the most objects it ever skipped.
        public string Summary(DateTimeOffset from) =>
            string.Join("; ", After(from).GroupBy(s => (s.Transfer.From, s.Transfer.Partition)).OrderBy(g => g.Key.From).ThenBy(g => g.Key.Partition)
                .Select(g => $"{Show(g.Last().Transfer)} (at most {g.Max(s => s.Transfer.ObjectsSkipped)} skipped)"));
    }
}
