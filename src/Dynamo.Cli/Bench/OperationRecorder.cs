using HdrHistogram;

namespace Dynamo.Cli.Bench;

/// <summary>
/// One client's record of one phase: an HdrHistogram of latencies (nanoseconds) and an error count per operation type,
/// and the error messages seen. Only its client records, into an HdrHistogram <see cref="Recorder"/> per operation type,
/// which never waits for a reader; readers take what was recorded since the last read (<see cref="TakeRecent"/>, for live
/// progress) or everything so far (<see cref="Latencies"/>), both folded into the totals under a lock of their own.
/// </summary>
public sealed class OperationRecorder
{
    /// <summary>
    /// The largest latency kept apart from others, 2^40 ns (about 18 minutes): a longer one, which no request waits
    /// without a timeout, is counted as this long.
    /// </summary>
    public const long HighestTrackableValue = (1L << 40) - 1;

    /// <summary>Two significant digits: every value, and so every percentile, is reported within 1 % of itself.</summary>
    public const int SignificantDigits = 2;

    /// <summary>Distinct error messages kept; further ones are counted under one line, so a flood of varied errors stays small.</summary>
    private const int MaxErrorMessages = 20;

    // Created by the client on its first operation of a type, so a workload's unused types cost nothing.
    private readonly Recorder?[] _recorders = new Recorder?[BenchOperationNames.All.Count];
    private readonly HistogramBase?[] _intervals = new HistogramBase?[BenchOperationNames.All.Count];
    private readonly LongHistogram[] _totals = BenchOperationNames.All.Select(_ => NewHistogram()).ToArray();
    private readonly Lock _read = new();
    private readonly long[] _errors = new long[BenchOperationNames.All.Count];
    private readonly Dictionary<string, long> _errorMessages = [];
    private long _lastFinished;

    /// <summary>An empty histogram of latencies as the recorders keep them, to merge theirs into.</summary>
    public static LongHistogram NewHistogram() => new(1, HighestTrackableValue, SignificantDigits);

    /// <summary>
    /// Every latency of successful operations of one type recorded so far, in nanoseconds: a copy the caller owns. Read
    /// it once the client stopped, or it takes what <see cref="TakeRecent"/> would have shown next.
    /// </summary>
    public HistogramBase Latencies(BenchOperation operation)
    {
        lock (_read)
        {
            Drain(operation);
            return _totals[(int)operation].Copy();
        }
    }

    /// <summary>
    /// Adds the latencies of every type recorded since the previous call to <paramref name="recent"/> (the last second
    /// of a run, for live progress); they count in <see cref="Latencies"/> too.
    /// </summary>
    public void TakeRecent(HistogramBase recent)
    {
        ArgumentNullException.ThrowIfNull(recent);
        lock (_read)
        {
            foreach (var operation in BenchOperationNames.All)
            {
                if (Drain(operation) is { } interval) recent.Add(interval);
            }
        }
    }

    /// <summary>Failed operations of one type.</summary>
    public long Errors(BenchOperation operation) => Volatile.Read(ref _errors[(int)operation]);

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the last recorded operation finished.</summary>
    public long LastFinished => _lastFinished;

    /// <summary>How often each error message occurred. Read it only after the client stopped.</summary>
    public IReadOnlyDictionary<string, long> ErrorMessages => _errorMessages;

    /// <summary>Records a successful operation; a negative latency is a caller's bug and throws.</summary>
    public void Success(BenchOperation operation, long latencyNanoseconds, long finishedAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(latencyNanoseconds);
        var recorder = Volatile.Read(ref _recorders[(int)operation]) ?? Start(operation);
        recorder.RecordValue(Math.Min(latencyNanoseconds, HighestTrackableValue));
        _lastFinished = finishedAt;
    }

    /// <summary>Records a failed operation and why it failed.</summary>
    public void Failure(BenchOperation operation, string message, long finishedAt)
    {
        Volatile.Write(ref _errors[(int)operation], _errors[(int)operation] + 1);
        if (_errorMessages.Count >= MaxErrorMessages && !_errorMessages.ContainsKey(message)) message = "(other errors)";
        _errorMessages[message] = _errorMessages.GetValueOrDefault(message) + 1;
        _lastFinished = finishedAt;
    }

    // One writer, so the recorder's histograms need no interlocked increments; the recorder's phaser keeps the swap safe.
    private Recorder Start(BenchOperation operation)
    {
        var recorder = new Recorder(1, HighestTrackableValue, SignificantDigits, static (id, lowest, highest, digits) => new LongHistogram(id, lowest, highest, digits));
        Volatile.Write(ref _recorders[(int)operation], recorder);
        return recorder;
    }

    // Moves what was recorded since the last drain into the total; returns it, or null when nothing was ever recorded.
    private HistogramBase? Drain(BenchOperation operation)
    {
        var recorder = Volatile.Read(ref _recorders[(int)operation]);
        if (recorder is null) return null;
        var interval = recorder.GetIntervalHistogram(_intervals[(int)operation]);
        _intervals[(int)operation] = interval;
        _totals[(int)operation].Add(interval);
        return interval;
    }
}
