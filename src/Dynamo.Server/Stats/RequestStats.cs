using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dynamo.Kv.Diagnostics;
using Dynamo.Server.Node;
using HdrHistogram;

namespace Dynamo.Server.Stats;

/// <summary>
/// Counts of HTTP requests per operation and response status, and an HdrHistogram of latencies per operation, since
/// the node started. Safe to record from any number of requests at once.
/// </summary>
/// <remarks>
/// The counts are kept here, once: <c>/stats</c> reads them, and the <see cref="HttpRequests"/> counter of the node's
/// <c>Dynamo</c> meter (<see cref="Meter"/>, exported at <c>/metrics</c>) observes them, so both show the same numbers.
/// </remarks>
public sealed class RequestStats
{
    /// <summary>Counter of the HTTP requests the node answered, by operation and status code.</summary>
    public const string HttpRequests = "dynamo.http.requests";

    /// <summary>Histogram of the time from an HTTP request's arrival to its answer, by operation, in seconds.</summary>
    public const string HttpRequestDuration = "dynamo.http.request.duration";

    /// <summary>The tag naming a response's status code, as OpenTelemetry's HTTP conventions name it.</summary>
    public const string StatusTag = "http.response.status_code";

    // An hour in microseconds: no request waits that long; a slower one is counted as an hour. Two significant digits
    // report every percentile within 1 % and keep each operation's histograms to a few tens of kilobytes.
    private const long HighestMicroseconds = 3_600_000_000;
    private const int SignificantDigits = 2;

    private readonly ConcurrentDictionary<(string Operation, int Status), StrongBox<long>> _counts = new();
    private readonly ConcurrentDictionary<string, OperationLatency> _latencies = new(StringComparer.Ordinal);
    private readonly KeyValuePair<string, object?> _node;
    private readonly Histogram<double> _duration;

    /// <summary>Counts the requests of <paramref name="node"/> on a <c>Dynamo</c> meter from <paramref name="meters"/>.</summary>
    public RequestStats(IDynamoNode node, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(meters);
        _node = new(KvMetrics.NodeTag, node.NodeId);
        Meter = meters.Create(new MeterOptions(KvMetrics.MeterName) { Version = typeof(RequestStats).Assembly.GetName().Version?.ToString(3) });
        Meter.CreateObservableCounter(HttpRequests, Observe, "{request}", "HTTP requests answered, by operation and status code.");
        _duration = Meter.CreateHistogram(HttpRequestDuration, "s", "Time from an HTTP request's arrival to its answer.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = KvMetrics.DurationBuckets });
    }

    /// <summary>The meter the HTTP instruments belong to (one per web application, disposed with it).</summary>
    public Meter Meter { get; }

    /// <summary>Records one finished request.</summary>
    /// <param name="operation">The operation's name, e.g. <c>get</c>.</param>
    /// <param name="status">The HTTP status it was answered with.</param>
    /// <param name="latency">From the request's arrival to its answer.</param>
    public void Record(string operation, int status, TimeSpan latency)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        Interlocked.Increment(ref _counts.GetOrAdd((operation, status), static _ => new StrongBox<long>()).Value);
        _latencies.GetOrAdd(operation, static _ => new OperationLatency()).Record(latency);
        _duration.Record(latency.TotalSeconds, _node, new(KvMetrics.OperationTag, operation));
    }

    /// <summary>Requests per operation, then per status code (as text, as JSON object keys must be).</summary>
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> Counts() =>
        _counts
            .GroupBy(c => c.Key.Operation)
            .ToImmutableSortedDictionary(
                g => g.Key,
                g => g.ToImmutableSortedDictionary(c => c.Key.Status.ToString(CultureInfo.InvariantCulture), c => Interlocked.Read(ref c.Value.Value), StringComparer.Ordinal),
                StringComparer.Ordinal);

    /// <summary>Latency percentiles per operation.</summary>
    public ImmutableSortedDictionary<string, LatencySummary> Latencies() =>
        _latencies.ToImmutableSortedDictionary(l => l.Key, l => l.Value.Summary(), StringComparer.Ordinal);

    private IEnumerable<Measurement<long>> Observe() =>
        _counts.Select(c => new Measurement<long>(Interlocked.Read(ref c.Value.Value),
            _node, new(KvMetrics.OperationTag, c.Key.Operation), new(StatusTag, c.Key.Status)));

    /// <summary>
    /// One operation's latencies in microseconds: requests record into an HdrHistogram <see cref="Recorder"/> without
    /// waiting for each other or for a reader, and a reader folds the interval recorded since the last read into the
    /// total since start.
    /// </summary>
    private sealed class OperationLatency
    {
        private readonly Recorder _recorder = new(1, HighestMicroseconds, SignificantDigits,
            static (id, lowest, highest, digits) => new LongConcurrentHistogram(id, lowest, highest, digits));
        private readonly LongHistogram _total = new(1, HighestMicroseconds, SignificantDigits);
        private readonly Lock _read = new();
        private HistogramBase? _interval;

        public void Record(TimeSpan latency) =>
            _recorder.RecordValue(Math.Clamp(latency.Ticks / TimeSpan.TicksPerMicrosecond, 0, HighestMicroseconds));

        public LatencySummary Summary()
        {
            lock (_read)
            {
                _interval = _recorder.GetIntervalHistogram(_interval);
                _total.Add(_interval);
                if (_total.TotalCount == 0) return new LatencySummary(0, 0, 0, 0, 0, 0);
                return new LatencySummary(_total.TotalCount, At(50), At(95), At(99), At(99.9), Millis(_total.GetMaxValue()));
            }
        }

        private double At(double percentile) => Millis(_total.GetValueAtPercentile(percentile));

        private static double Millis(long micros) => Math.Round(micros / 1000.0, 3);
    }
}
