namespace Dynamo.Cli.Bench;

/// <summary>
/// One client's record of one phase: a latency histogram and an error count per operation type, and the error
/// messages seen. Only its client writes it, so recording takes no lock; see <see cref="LatencyHistogram"/> for
/// what concurrent readers see.
/// </summary>
public sealed class OperationRecorder
{
    private readonly LatencyHistogram[] _latencies = BenchOperationNames.All.Select(_ => new LatencyHistogram()).ToArray();
    private readonly long[] _errors = new long[BenchOperationNames.All.Count];
    /// <summary>Distinct error messages kept; further ones are counted under one line, so a flood of varied errors stays small.</summary>
    private const int MaxErrorMessages = 20;

    private readonly Dictionary<string, long> _errorMessages = [];
    private long _lastFinished;

    /// <summary>The latencies of successful operations of one type, in nanoseconds.</summary>
    public LatencyHistogram Latencies(BenchOperation operation) => _latencies[(int)operation];

    /// <summary>Failed operations of one type.</summary>
    public long Errors(BenchOperation operation) => Volatile.Read(ref _errors[(int)operation]);

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the last recorded operation finished.</summary>
    public long LastFinished => _lastFinished;

    /// <summary>How often each error message occurred. Read it only after the client stopped.</summary>
    public IReadOnlyDictionary<string, long> ErrorMessages => _errorMessages;

    /// <summary>Records a successful operation.</summary>
    public void Success(BenchOperation operation, long latencyNanoseconds, long finishedAt)
    {
        _latencies[(int)operation].Record(latencyNanoseconds);
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
}
