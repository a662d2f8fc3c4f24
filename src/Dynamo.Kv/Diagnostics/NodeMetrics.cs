using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Dynamo.Kv.Diagnostics;

/// <summary>
/// What one node records on its actor system's <see cref="KvMetrics"/>: every measurement tagged with the node.
/// Thread-safe: coordinators, vnodes, the hinted handoff and anti-entropy record from their own actors.
/// </summary>
/// <remarks>
/// Request counts are kept here, in one place, and the <see cref="KvMetrics.Requests"/> counter observes them: an
/// exporter and <see cref="RequestCounts"/> (which the node's <c>/stats</c> shows) read the same numbers.
/// </remarks>
public sealed class NodeMetrics
{
    private readonly KvMetrics _metrics;
    private readonly ConcurrentDictionary<(string Operation, string Outcome), StrongBox<long>> _requests = new();
    private long _hintsPending;
    private long _forwarded;

    internal NodeMetrics(string node, KvMetrics metrics)
    {
        Node = node;
        _metrics = metrics;
        Tag = new(KvMetrics.NodeTag, node);
    }

    /// <summary>The node measurements are tagged with.</summary>
    public string Node { get; }

    /// <summary>The meter of the node's actor system.</summary>
    public Meter Meter => _metrics.Meter;

    internal KeyValuePair<string, object?> Tag { get; }

    /// <summary>
    /// Counts a client request answered with <paramref name="reply"/> after <paramref name="elapsed"/>, under its
    /// <see cref="RequestOutcome"/>; a quorum failure is counted in <see cref="KvMetrics.QuorumFailures"/> too.
    /// </summary>
    /// <param name="operation"><c>get</c>, <c>put</c> or <c>delete</c>.</param>
    /// <param name="reply">The reply the client got.</param>
    /// <param name="elapsed">From the request reaching the node's coordinator (or router) to the reply.</param>
    public void Request(string operation, object reply, TimeSpan elapsed)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(reply);
        var outcome = RequestOutcome.Of(reply);
        Interlocked.Increment(ref _requests.GetOrAdd((operation, outcome), static _ => new StrongBox<long>()).Value);
        KeyValuePair<string, object?> operationTag = new(KvMetrics.OperationTag, operation);
        KeyValuePair<string, object?> outcomeTag = new(KvMetrics.OutcomeTag, outcome);
        _metrics.Duration.Record(elapsed.TotalSeconds, Tag, operationTag, outcomeTag);
        if (RequestOutcome.IsQuorumFailure(outcome)) _metrics.Quorum.Add(1, Tag, operationTag, outcomeTag);
    }

    /// <summary>The requests counted so far, per operation, then per outcome.</summary>
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> RequestCounts() =>
        _requests
            .GroupBy(r => r.Key.Operation)
            .ToImmutableSortedDictionary(
                g => g.Key,
                g => g.ToImmutableSortedDictionary(r => r.Key.Outcome, r => Interlocked.Read(ref r.Value.Value), StringComparer.Ordinal),
                StringComparer.Ordinal);

    /// <summary>Counts <paramref name="requests"/> replica requests sent to another node in one message (1: a lone one sent as it is).</summary>
    public void ReplicaBatchSent(int requests) => Batch(_metrics.Batches, requests, "request");

    /// <summary>Counts a batch of <paramref name="replies"/> replicas' answers sent to another node's coordinator host.</summary>
    public void ReplyBatchSent(int replies) => Batch(_metrics.Batches, replies, "reply");

    /// <summary>Counts a client's batch of <paramref name="requests"/> requests received.</summary>
    public void RequestBatchReceived(int requests) => Batch(_metrics.ClientBatches, requests, "request");

    /// <summary>Counts a batch of <paramref name="results"/> results sent to a client.</summary>
    public void ResultBatchSent(int results) => Batch(_metrics.ClientBatches, results, "result");

    private void Batch(Histogram<int> sizes, int messages, string kind) => sizes.Record(messages, Tag, new(KvMetrics.KindTag, kind));

    /// <summary>Counts a client request this node forwarded because it is not on the key's preference list.</summary>
    public void Forwarded() => Interlocked.Increment(ref _forwarded);

    /// <summary>
    /// The client requests forwarded so far: a request over HTTP or through a contact node that is not on the key's
    /// preference list costs a hop, which a client that coordinates by the ring itself does not take.
    /// </summary>
    public long ForwardedCount => Interlocked.Read(ref _forwarded);

    /// <summary>Counts a hint stored for an unreachable owner.</summary>
    public void HintStored() => _metrics.Stored.Add(1, Tag);

    /// <summary>Counts <paramref name="count"/> hints delivered and released.</summary>
    public void HintsDelivered(long count)
    {
        if (count > 0) _metrics.Delivered.Add(count, Tag);
    }

    /// <summary>Counts a hint delivery batch that failed or timed out.</summary>
    public void HintBatchFailed() => _metrics.FailedBatches.Add(1, Tag);

    /// <summary>Sets the level of hints waiting for their owners.</summary>
    public void SetHintsPending(long count) => Interlocked.Exchange(ref _hintsPending, count);

    /// <summary>Counts a read repair sent to a replica that answered an object missing some versions.</summary>
    public void StaleRepair() => _metrics.Repairs.Add(1, Tag, new(KvMetrics.ReasonTag, "stale"));

    /// <summary>Counts a read repair sent to a replica that answered not found.</summary>
    public void MissingRepair() => _metrics.Repairs.Add(1, Tag, new(KvMetrics.ReasonTag, "missing"));

    /// <summary>Counts <paramref name="count"/> objects the new owner acknowledged during an ownership handoff.</summary>
    public void HandoffObjects(long count)
    {
        if (count > 0) _metrics.Handoff.Add(count, Tag);
    }

    /// <summary>Counts an anti-entropy exchange and the keys it repaired.</summary>
    public void AntiEntropyExchange(bool completed, long keysRepaired)
    {
        _metrics.Exchanges.Add(1, Tag, new(KvMetrics.OutcomeTag, completed ? "completed" : "failed"));
        if (keysRepaired > 0) _metrics.KeysRepaired.Add(keysRepaired, Tag);
    }

    /// <summary>Counts an event a vnode persisted to the journal.</summary>
    public void JournalWrite() => _metrics.Journal.Add(1, Tag);

    internal IEnumerable<Measurement<long>> ObserveRequests() =>
        _requests.Select(r => new Measurement<long>(Interlocked.Read(ref r.Value.Value),
            Tag, new(KvMetrics.OperationTag, r.Key.Operation), new(KvMetrics.OutcomeTag, r.Key.Outcome)));

    internal Measurement<long> ObserveForwarded() => new(Interlocked.Read(ref _forwarded), Tag);

    internal Measurement<long> ObserveHintsPending() => new(Interlocked.Read(ref _hintsPending), Tag);
}
