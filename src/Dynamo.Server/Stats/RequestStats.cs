using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;

namespace Dynamo.Server.Stats;

/// <summary>
/// Counts of HTTP requests per operation and response status, and a latency histogram per
/// operation, since the node started. Safe to record from any number of requests at once.
/// </summary>
public sealed class RequestStats
{
    private readonly ConcurrentDictionary<(string Operation, int Status), Counter> _counts = new();
    private readonly ConcurrentDictionary<string, LatencyHistogram> _latencies = new(StringComparer.Ordinal);

    /// <summary>Records one finished request.</summary>
    /// <param name="operation">The operation's name, e.g. <c>get</c>.</param>
    /// <param name="status">The HTTP status it was answered with.</param>
    /// <param name="latency">From the request's arrival to its answer.</param>
    public void Record(string operation, int status, TimeSpan latency)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        _counts.GetOrAdd((operation, status), _ => new Counter()).Increment();
        _latencies.GetOrAdd(operation, _ => new LatencyHistogram()).Record(latency);
    }

    /// <summary>Requests per operation, then per status code (as text, as JSON object keys must be).</summary>
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> Counts() =>
        _counts
            .GroupBy(c => c.Key.Operation)
            .ToImmutableSortedDictionary(
                g => g.Key,
                g => g.ToImmutableSortedDictionary(c => c.Key.Status.ToString(CultureInfo.InvariantCulture), c => c.Value.Value, StringComparer.Ordinal),
                StringComparer.Ordinal);

    /// <summary>Latency percentiles per operation.</summary>
    public ImmutableSortedDictionary<string, LatencySummary> Latencies() =>
        _latencies.ToImmutableSortedDictionary(l => l.Key, l => l.Value.Summary(), StringComparer.Ordinal);

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }
}
