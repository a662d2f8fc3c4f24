using System.Text;
using Dynamo.Client;

namespace Dynamo.Testing;

/// <summary>
/// Everything a workload did to one bucket, for the <see cref="Checker"/>: every put and delete with the context
/// it was issued from, its value and its outcome (acknowledged with the returned context, not written, or
/// unknown), and every read with the values and context it returned. Safe to record from many clients at once.
/// </summary>
/// <remarks>
/// Contexts are opaque, so the history never looks inside them: what a context covers is learned from where
/// the workload got it — the acknowledgement of a write, or a read that returned some values. Each put must
/// write a value no other put of the same key wrote, so that a value read identifies its write.
/// </remarks>
public sealed class History
{
    private readonly object _gate = new();
    private readonly List<HistoryWrite> _writes = [];
    private readonly List<HistoryRead> _reads = [];
    private readonly Dictionary<(string Key, string Value), HistoryWrite> _byValue = [];
    private readonly TimeProvider _time;

    /// <summary>A history of writes to <paramref name="bucket"/>.</summary>
    public History(string bucket, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        Bucket = bucket;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The bucket every recorded key lives in.</summary>
    public string Bucket { get; }

    /// <summary>The writes, in issue order.</summary>
    public IReadOnlyList<HistoryWrite> Writes
    {
        get { lock (_gate) return [.. _writes]; }
    }

    /// <summary>The reads, in the order they were recorded.</summary>
    public IReadOnlyList<HistoryRead> Reads
    {
        get { lock (_gate) return [.. _reads]; }
    }

    /// <summary>Every key a write was issued to, in order.</summary>
    public IReadOnlyList<string> Keys
    {
        get { lock (_gate) return _writes.Select(w => w.Key).Distinct().Order(StringComparer.Ordinal).ToList(); }
    }

    /// <summary>Records a put about to be sent; complete the returned entry with its outcome.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value, unique among the puts of this key.</param>
    /// <param name="issuedFrom">The context passed with the put; null or empty for a blind write.</param>
    /// <param name="client">The workload client issuing it.</param>
    /// <param name="node">The node it is sent to, when known.</param>
    /// <exception cref="ArgumentException">Another put of this key already wrote <paramref name="value"/>.</exception>
    public HistoryWrite BeginPut(string key, string value, DynamoContext? issuedFrom, int client = 0, int? node = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (_byValue.TryGetValue((key, value), out var earlier))
                throw new ArgumentException($"value '{value}' of key {key} was already written by write #{earlier.Id}; the checker needs every put of a key to write a distinct value.", nameof(value));
            var write = new HistoryWrite(_writes.Count + 1, WriteKind.Put, key, value, issuedFrom ?? DynamoContext.Empty, client, node, _time.GetUtcNow());
            _writes.Add(write);
            _byValue.Add((key, value), write);
            return write;
        }
    }

    /// <summary>Records a delete about to be sent (of the versions <paramref name="issuedFrom"/> covers); complete it with its outcome.</summary>
    public HistoryWrite BeginDelete(string key, DynamoContext issuedFrom, int client = 0, int? node = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(issuedFrom);
        lock (_gate)
        {
            var write = new HistoryWrite(_writes.Count + 1, WriteKind.Delete, key, null, issuedFrom, client, node, _time.GetUtcNow());
            _writes.Add(write);
            return write;
        }
    }

    /// <summary>Records a read's result: its sibling values (read as UTF-8) and its context.</summary>
    public HistoryRead RecordRead(string key, DynamoGetResult result, int client = 0, int? node = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return RecordRead(key, result.Status, result.Siblings.Select(s => Encoding.UTF8.GetString(s.Value.Span)).ToList(), result.Context, client, node);
    }

    /// <summary>Records a read that saw <paramref name="values"/> and returned <paramref name="context"/>.</summary>
    public HistoryRead RecordRead(string key, DynamoObjectStatus status, IReadOnlyList<string> values, DynamoContext context, int client = 0, int? node = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(context);
        var read = new HistoryRead(key, status, values, context, client, node, _time.GetUtcNow());
        lock (_gate) _reads.Add(read);
        return read;
    }

    /// <summary>The put of <paramref name="key"/> that wrote <paramref name="value"/>, or null when none did.</summary>
    public HistoryWrite? WriterOf(string key, string value)
    {
        lock (_gate) return _byValue.GetValueOrDefault((key, value));
    }

    /// <summary>Counts of writes by kind and outcome, and of reads, e.g. for a test's output.</summary>
    public string Summary()
    {
        var writes = Writes;
        var outcomes = string.Join(", ", Enum.GetValues<WriteOutcome>()
            .Select(o => $"{writes.Count(w => w.Outcome == o)} {o.ToString().ToLowerInvariant()}"));
        return $"{writes.Count(w => w.Kind == WriteKind.Put)} puts and {writes.Count(w => w.Kind == WriteKind.Delete)} deletes ({outcomes}) "
            + $"over {Keys.Count} keys; {Reads.Count} reads";
    }

    /// <summary>
    /// The last <paramref name="count"/> writes of <paramref name="key"/> in the order they started, each with
    /// its start and end in milliseconds since the history's first write: what a failed verdict needs to be read.
    /// </summary>
    public string Timeline(string key, int count = 12)
    {
        var writes = Writes;
        if (writes.Count == 0) return $"no writes of {key}";
        var origin = writes.Min(w => w.Started);
        string At(DateTimeOffset? t) => t is { } v ? $"{(v - origin).TotalMilliseconds:0}" : "…";
        var lines = writes.Where(w => w.Key == key).OrderBy(w => w.Started).TakeLast(count)
            .Select(w => $"  [{At(w.Started)}–{At(w.Ended)} ms] {w}");
        return $"last writes of {key}:\n" + string.Join("\n", lines);
    }

    /// <summary>
    /// Every write and read of <paramref name="key"/> from <paramref name="before"/> before write
    /// <paramref name="writeId"/> started to <paramref name="after"/> after it ended, in time order: which reads saw
    /// the write, and from which reads later writes were issued, when a violation has to be traced.
    /// </summary>
    public string Journal(string key, long writeId, TimeSpan before, TimeSpan after)
    {
        var writes = Writes;
        var focus = writes.FirstOrDefault(w => w.Id == writeId && w.Key == key);
        if (focus is null) return $"write #{writeId} is not a write of {key}";
        var origin = writes.Min(w => w.Started);
        string At(DateTimeOffset? t) => t is { } v ? $"{(v - origin).TotalMilliseconds:0}" : "…";
        var from = focus.Started - before;
        var until = (focus.Ended ?? focus.Started) + after;
        var lines = writes.Where(w => w.Key == key && w.Started >= from && w.Started <= until)
            .Select(w => (At: w.Started, Line: $"  {(w.Id == writeId ? "»" : " ")}[{At(w.Started)}–{At(w.Ended)} ms] {w}"))
            .Concat(Reads.Where(r => r.Key == key && r.At >= from && r.At <= until)
                .Select(r => (r.At, Line: $"   [   …{At(r.At)} ms] read {r.Status} [{string.Join(", ", r.Values)}] by client {r.Client} via node {r.Node}")))
            .OrderBy(e => e.At)
            .Select(e => e.Line);
        return $"writes and reads of {key} around #{writeId}:\n" + string.Join("\n", lines);
    }
}
