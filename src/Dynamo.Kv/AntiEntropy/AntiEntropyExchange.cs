using Akka.Event;
using System.Collections.Immutable;
using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Buckets;
using Dynamo.Kv.Diagnostics;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>
/// A node's active anti-entropy (the paper's §4.7), at <see cref="KvPaths.AntiEntropy"/>: every
/// <see cref="AntiEntropySettings.Interval"/> it picks the next key range one of this node's vnodes
/// replicates together with a reachable peer, and runs a <see cref="TreeExchange"/> between the two,
/// at most <see cref="AntiEntropySettings.Concurrency"/> at a time. Also runs <see cref="StartExchange"/>
/// on request and answers <see cref="GetAntiEntropyStats"/>.
/// </summary>
/// <remarks>
/// A range is the set of keys hashing into one partition; its replicas are the vnodes of the
/// partition's preference list (the first N distinct owners clockwise, each under the partition at
/// which the walk met it), with N the default bucket n_val. Of each pair of replicas, the node with
/// the lower id starts the exchange, so a pair is not compared twice per round; the round visits
/// every pair in turn. A key is repaired between two replicas only if its bucket's n_val reaches
/// both their places in the list (the router hands over every change of bucket properties): a copy
/// beyond n_val would be one no delete reaps, which a later exchange would bring back.
/// </remarks>
public sealed class AntiEntropyExchange : ReceiveActor, IWithTimers
{
    private readonly string _node;
    private readonly INodeDirectory _directory;
    private readonly AntiEntropySettings _settings;
    private readonly int _n;
    private readonly NodeMetrics _metrics;
    private BucketPropsStore _buckets;
    private readonly Dictionary<IActorRef, Running> _running = [];
    private ImmutableSortedDictionary<int, DateTimeOffset> _lastExchange = ImmutableSortedDictionary<int, DateTimeOffset>.Empty;
    private Ring? _ring;
    private int _cursor;
    private long _completed;
    private long _failed;
    private long _keysRepaired;
    private long _hashesExchanged;

    /// <summary>Creates the anti-entropy of <paramref name="node"/>; ranges have as many replicas as <paramref name="bucketDefaults"/> says.</summary>
    public AntiEntropyExchange(string node, INodeDirectory directory, AntiEntropySettings settings, BucketProperties bucketDefaults)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(bucketDefaults);
        _node = node;
        _directory = directory;
        _settings = settings;
        _n = bucketDefaults.N;
        _metrics = KvMetrics.For(Context.System, node);
        _buckets = new BucketPropsStore(bucketDefaults);

        Receive<RingChanged>(m => _ring = m.Ring);
        Receive<BucketPropsChanged>(m => _buckets = m.Buckets);
        Receive<Tick>(_ => OnTick());
        Receive<StartExchange>(m => Start(m, Sender, scheduled: false));
        Receive<ExchangeResult>(OnResult);
        Receive<GetAntiEntropyStats>(_ => Sender.Tell(Stats(), Self));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the anti-entropy of <paramref name="node"/>; create it named <see cref="KvPaths.AntiEntropyName"/> under the router.</summary>
    public static Props Props(string node, INodeDirectory directory, AntiEntropySettings settings, BucketProperties bucketDefaults) =>
        Akka.Actor.Props.Create(() => new AntiEntropyExchange(node, directory, settings, bucketDefaults));

    /// <summary>The pairs of replicas <paramref name="node"/> starts exchanges for on <paramref name="ring"/>, in the order a round visits them.</summary>
    public static IReadOnlyList<StartExchange> PairsOf(Ring ring, string node, int n)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var pairs = new List<StartExchange>();
        for (var range = 0; range < ring.PartitionCount; range++)
        {
            // Each pair of replicas on different nodes once, started by the lower node id. Two replicas on one node
            // (a window the claim could not spread) are not paired: each converges with the other nodes' replicas.
            var entries = PreferenceList.ForPartition(ring, range, n).Entries;
            foreach (var local in entries.Where(e => e.Node == node))
            {
                foreach (var peer in entries)
                {
                    if (string.CompareOrdinal(node, peer.Node) < 0) pairs.Add(new StartExchange(range, local.Partition, peer.Node, peer.Partition));
                }
            }
        }
        return pairs;
    }

    /// <summary>Exchange failures are reported as results; a child that throws is stopped, and forgotten after its deadline.</summary>
    protected override Akka.Actor.SupervisorStrategy SupervisorStrategy() =>
        Akka.Actor.SupervisorStrategy.StoppingStrategy;

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_settings.Enabled) Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, _settings.Interval);
    }

    private AntiEntropyStats Stats() => new(_node, _completed, _failed, _keysRepaired, _hashesExchanged, _lastExchange);

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private void OnTick()
    {
        // A child that died without reporting would otherwise hold its slot for ever.
        foreach (var (child, running) in _running.Where(r => Now - r.Value.Started > _settings.ExchangeTimeout * 2).ToList())
        {
            _running.Remove(child);
            _failed++;
            _metrics.AntiEntropyExchange(completed: false, keysRepaired: 0);
            running.ReplyTo?.Tell(new ExchangeResult(running.Job, 0, 0, 0, "the exchange stopped without a result"), Self);
        }
        if (_ring is null || _running.Values.Count(r => r.Scheduled) >= _settings.Concurrency) return;
        var pairs = PairsOf(_ring, _node, _n).Where(p => _directory.IsReachable(p.PeerNode)).ToList();
        if (pairs.Count == 0) return;
        _cursor %= pairs.Count;
        Start(pairs[_cursor++], null, scheduled: true);
    }

    private void Start(StartExchange job, IActorRef? replyTo, bool scheduled)
    {
        if (_ring is null)
        {
            replyTo?.Tell(new ExchangeResult(job, 0, 0, 0, $"node {_node} has no ring yet"), Self);
            return;
        }
        var entries = PreferenceList.ForPartition(_ring, job.Range, _n).Entries;
        var local = entries.IndexOf(PreferenceListEntry.Primary(job.LocalPartition, _node));
        var peer = entries.IndexOf(PreferenceListEntry.Primary(job.PeerPartition, job.PeerNode));
        if (local < 0 || peer < 0)
        {
            replyTo?.Tell(new ExchangeResult(job, 0, 0, 0,
                $"partition {job.LocalPartition} on {_node} and partition {job.PeerPartition} on {job.PeerNode} are not both replicas of range {job.Range}"), Self);
            return;
        }
        // Both replicas hold a key only if its bucket's n_val reaches the later of their places.
        var buckets = _buckets;
        var farther = Math.Max(local, peer);
        var child = Context.ActorOf(TreeExchange.Props(
            _node, _directory, _settings.SpecFor(_ring.PartitionCount), job, _settings.ExchangeTimeout, bucket => buckets.For(bucket).N > farther));
        _running[child] = new Running(job, replyTo, scheduled, Now);
    }

    private void OnResult(ExchangeResult result)
    {
        if (!_running.Remove(Sender, out var running)) return;
        _hashesExchanged += result.HashesExchanged;
        _keysRepaired += result.KeysRepaired;
        _metrics.AntiEntropyExchange(result.Completed, result.KeysRepaired);
        if (result.Completed)
        {
            _completed++;
            _lastExchange = _lastExchange.SetItem(result.Exchange.LocalPartition, Now);
        }
        else
        {
            _failed++;
            Context.System.Log.Warning(
                "Anti-entropy of range {0} between partition {1} on {2} and partition {3} on {4} failed: {5}",
                result.Exchange.Range, result.Exchange.LocalPartition, _node, result.Exchange.PeerPartition, result.Exchange.PeerNode, result.Error);
        }
        running.ReplyTo?.Tell(result, Self);
    }

    private sealed record Running(StartExchange Job, IActorRef? ReplyTo, bool Scheduled, DateTimeOffset Started);

    private sealed record Tick : INoSerializationVerificationNeeded
    {
        public static Tick Instance { get; } = new();
    }
}
