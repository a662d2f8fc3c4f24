using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Diagnostics;

/// <summary>
/// The <c>Dynamo</c> meter of a node's actor system and its instruments: requests and their latency, quorum failures,
/// hints, read repairs, ownership handoff, anti-entropy, journal writes and the object buffer. An extension of the
/// actor system (one system per node, as the in-process clusters run too), so the actors find it without it being
/// passed down, and the meter is disposed when the system terminates. Actors record through the
/// <see cref="NodeMetrics"/> of their node (<see cref="For(ActorSystem, string)"/>), which tags every measurement with
/// <see cref="NodeTag"/>. Export it with OpenTelemetry's <c>AddMeter("Dynamo")</c>; listen to this system's alone by
/// comparing an instrument's meter with <see cref="Meter"/>.
/// </summary>
public sealed class KvMetrics : IExtension
{
    /// <summary>The meter's name, what an exporter subscribes to.</summary>
    public const string MeterName = "Dynamo";

    /// <summary>Counter of the client requests (get, put, delete) a node answered, by operation and outcome (<see cref="RequestOutcome"/>).</summary>
    public const string Requests = "dynamo.requests";

    /// <summary>Histogram of the time from a request reaching its coordinator (or the router that refused it) to its answer, in seconds.</summary>
    public const string RequestDuration = "dynamo.request.duration";

    /// <summary>Client requests a node forwarded to a node of the key's preference list, which coordinated them (Riak's <c>coord_redirs</c>).</summary>
    public const string RequestsForwarded = "dynamo.requests.forwarded";

    /// <summary>Counter of requests answered without their quorum: outcome quorum_failed, unknown or timeout.</summary>
    public const string QuorumFailures = "dynamo.quorum.failures";

    /// <summary>Counter of hints stored durably for an unreachable owner (writes received as a fallback).</summary>
    public const string HintsStored = "dynamo.hints.stored";

    /// <summary>Counter of hints delivered: acknowledged durably by their owner and released.</summary>
    public const string HintsDelivered = "dynamo.hints.delivered";

    /// <summary>Counter of hint delivery batches that failed or timed out (each retried later).</summary>
    public const string HintBatchesFailed = "dynamo.hints.failed_batches";

    /// <summary>Gauge of the hints waiting for their owners.</summary>
    public const string HintsPending = "dynamo.hints.pending";

    /// <summary>Counter of read repairs sent, by reason (<c>stale</c> or <c>missing</c>).</summary>
    public const string ReadRepairs = "dynamo.read_repairs";

    /// <summary>Counter of objects the new owner acknowledged during ownership handoff.</summary>
    public const string HandoffObjects = "dynamo.handoff.objects";

    /// <summary>Counter of anti-entropy exchanges, by outcome (<c>completed</c> or <c>failed</c>).</summary>
    public const string AntiEntropyExchanges = "dynamo.anti_entropy.exchanges";

    /// <summary>Counter of keys anti-entropy sent to a replica that lacked some of their versions.</summary>
    public const string AntiEntropyRepairs = "dynamo.anti_entropy.repairs";

    /// <summary>Counter of events the node's vnodes persisted to its journal (writes, copies, tombstone reaps, leases, handoff progress).</summary>
    public const string JournalWrites = "dynamo.journal.writes";

    /// <summary>Counter of write acknowledgements, by kind: <c>buffered</c> (before durable, object buffer) or <c>durable</c>.</summary>
    public const string ObjectBufferAcks = "dynamo.object_buffer.acks";

    /// <summary>Counter of buffered writes whose storage write failed after they were acknowledged.</summary>
    public const string ObjectBufferFailedAfterAck = "dynamo.object_buffer.failed_after_ack";

    /// <summary>Counter of replica reads answered from the object buffer.</summary>
    public const string ObjectBufferReads = "dynamo.object_buffer.reads";

    /// <summary>
    /// Histogram of how many replica requests, or replicas' answers, went to another node in one remote message, by
    /// kind (<c>request</c> or <c>reply</c>); see <see cref="Batching.ReplicaOutbox"/>.
    /// </summary>
    public const string ReplicaBatchSize = "dynamo.replica_batch.size";

    /// <summary>
    /// Histogram of how many client requests came in one <see cref="Protocol.RequestBatch"/>, or how many results went
    /// back in one <see cref="Protocol.ResultBatch"/>, by kind (<c>request</c> or <c>result</c>); see
    /// <see cref="Batching.ResultOutbox"/>.
    /// </summary>
    public const string ClientBatchSize = "dynamo.client_batch.size";

    /// <summary>The tag naming the node a measurement belongs to.</summary>
    public const string NodeTag = "dynamo.node";

    /// <summary>The tag naming a request's operation: <c>get</c>, <c>put</c> or <c>delete</c>.</summary>
    public const string OperationTag = "dynamo.operation";

    /// <summary>The tag naming an outcome (<see cref="RequestOutcome"/> for requests; completed or failed for exchanges).</summary>
    public const string OutcomeTag = "dynamo.outcome";

    /// <summary>The tag naming why a read repair was sent: <c>stale</c> or <c>missing</c>.</summary>
    public const string ReasonTag = "dynamo.reason";

    /// <summary>
    /// The tag naming the kind of a write acknowledgement (<c>buffered</c> or <c>durable</c>), or of a replica batch
    /// (<c>request</c> or <c>reply</c>).
    /// </summary>
    public const string KindTag = "dynamo.kind";

    /// <summary>
    /// The bucket boundaries of request duration histograms, in seconds: from half a millisecond (a cached read on one
    /// node) to ten seconds (past any request timeout). OpenTelemetry's default boundaries are meant for milliseconds
    /// and would put every request in the first bucket.
    /// </summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The bucket boundaries of <see cref="ReplicaBatchSize"/> and <see cref="ClientBatchSize"/>: a lone message, then powers of two.</summary>
    public static IReadOnlyList<int> BatchSizeBuckets { get; } = [1, 2, 4, 8, 16, 32, 64, 128];

    private readonly ConcurrentDictionary<string, NodeMetrics> _nodes = new(StringComparer.Ordinal);
    private readonly ObjectBufferCounter _objectBuffer;

    private KvMetrics(ActorSystem system)
    {
        _objectBuffer = ObjectBufferCounter.Of(system);
        Meter = new Meter(MeterName, typeof(KvMetrics).Assembly.GetName().Version?.ToString(3));
        Duration = Meter.CreateHistogram(RequestDuration, "s", "Time from a request reaching its coordinator to its answer.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        Quorum = Meter.CreateCounter<long>(QuorumFailures, "{request}", "Requests answered without their quorum.");
        Stored = Meter.CreateCounter<long>(HintsStored, "{hint}", "Hints stored for unreachable owners.");
        Delivered = Meter.CreateCounter<long>(HintsDelivered, "{hint}", "Hints delivered to their owners and released.");
        FailedBatches = Meter.CreateCounter<long>(HintBatchesFailed, "{batch}", "Hint delivery batches that failed or timed out.");
        Repairs = Meter.CreateCounter<long>(ReadRepairs, "{repair}", "Read repairs sent to stale or missing replicas.");
        Handoff = Meter.CreateCounter<long>(HandoffObjects, "{object}", "Objects acknowledged by new owners during ownership handoff.");
        Exchanges = Meter.CreateCounter<long>(AntiEntropyExchanges, "{exchange}", "Anti-entropy exchanges, completed or failed.");
        KeysRepaired = Meter.CreateCounter<long>(AntiEntropyRepairs, "{key}", "Keys anti-entropy repaired on a replica.");
        Journal = Meter.CreateCounter<long>(JournalWrites, "{event}", "Events the vnodes persisted to the journal.");
        Batches = Meter.CreateHistogram(ReplicaBatchSize, "{message}", "Replica requests or answers sent to another node in one remote message.",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchSizeBuckets });
        ClientBatches = Meter.CreateHistogram(ClientBatchSize, "{message}", "Client requests received, or results sent, in one remote message.",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchSizeBuckets });
        // Levels and counts kept elsewhere (the nodes' request counts, the hints' level, the object buffer counter)
        // are observed where they are kept, so whatever reads them there reads the same numbers.
        Meter.CreateObservableCounter(Requests, () => _nodes.Values.SelectMany(n => n.ObserveRequests()), "{request}",
            "Client requests answered, by operation and outcome.");
        Meter.CreateObservableCounter(RequestsForwarded, () => _nodes.Values.Select(n => n.ObserveForwarded()), "{request}",
            "Client requests forwarded to a node of the key's preference list to coordinate.");
        Meter.CreateObservableGauge(HintsPending, () => _nodes.Values.Select(n => n.ObserveHintsPending()), "{hint}",
            "Hints waiting for their owners.");
        Meter.CreateObservableCounter(ObjectBufferAcks, ObserveObjectBufferAcks, "{ack}", "Write acknowledgements, buffered or durable.");
        Meter.CreateObservableCounter(ObjectBufferFailedAfterAck, () => ObserveObjectBuffer(s => s.FailedAfterAck), "{write}",
            "Buffered writes lost after their acknowledgement.");
        Meter.CreateObservableCounter(ObjectBufferReads, () => ObserveObjectBuffer(s => s.BufferReads), "{read}",
            "Replica reads answered from the object buffer.");
        system.RegisterOnTermination(Meter.Dispose);
    }

    /// <summary>The meter all of this actor system's instruments belong to.</summary>
    public Meter Meter { get; }

    internal Histogram<double> Duration { get; }

    internal Counter<long> Quorum { get; }

    internal Histogram<int> Batches { get; }

    internal Histogram<int> ClientBatches { get; }

    internal Counter<long> Stored { get; }

    internal Counter<long> Delivered { get; }

    internal Counter<long> FailedBatches { get; }

    internal Counter<long> Repairs { get; }

    internal Counter<long> Handoff { get; }

    internal Counter<long> Exchanges { get; }

    internal Counter<long> KeysRepaired { get; }

    internal Counter<long> Journal { get; }

    /// <summary>The metrics of <paramref name="system"/>, created on first use.</summary>
    public static KvMetrics Of(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return MetricsId.Instance.Apply(system);
    }

    /// <summary>What node <paramref name="node"/>, running in <paramref name="system"/>, records through.</summary>
    public static NodeMetrics For(ActorSystem system, string node) => Of(system).For(node);

    /// <summary>What node <paramref name="node"/> records through, created on first use.</summary>
    public NodeMetrics For(string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        return _nodes.GetOrAdd(node, static (id, metrics) => new NodeMetrics(id, metrics), this);
    }

    private IEnumerable<Measurement<long>> ObserveObjectBufferAcks()
    {
        var stats = _objectBuffer.Snapshot();
        foreach (var node in _nodes.Values)
        {
            yield return new Measurement<long>(stats.BufferedAcks, node.Tag, new(KindTag, "buffered"));
            yield return new Measurement<long>(stats.DurableAcks, node.Tag, new(KindTag, "durable"));
        }
    }

    // The object buffer counter is the actor system's, and so the node's: reported under each node the system runs
    // (one, outside tests that share nothing else either).
    private IEnumerable<Measurement<long>> ObserveObjectBuffer(Func<ObjectBufferStats, long> value)
    {
        var figure = value(_objectBuffer.Snapshot());
        return _nodes.Values.Select(node => new Measurement<long>(figure, node.Tag));
    }

    private sealed class MetricsId : ExtensionIdProvider<KvMetrics>
    {
        public static readonly MetricsId Instance = new();

        public override KvMetrics CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
