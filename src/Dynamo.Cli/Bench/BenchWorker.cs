using System.Diagnostics;
using System.Globalization;
using Dynamo.Client;

namespace Dynamo.Cli.Bench;

/// <summary>
/// One client of a run: it issues one operation at a time against its node and records each in its own
/// recorders (warm-up and measured), so clients never contend with each other on the hot path.
/// </summary>
internal sealed class BenchWorker
{
    private const string ContentType = "application/octet-stream";

    /// <summary>How many different windows of the random bytes a client's writes choose from.</summary>
    private const int ValueOffsets = 4096;

    private readonly int _index;
    private readonly IDynamoClient _target;
    private readonly BenchSettings _settings;
    private readonly IKeyChooser _keys;
    private readonly InsertSequence _inserts;
    private readonly Random _random;
    /// <summary>
    /// Random bytes filled once; each write sends a window of them at a random offset, so values differ from write
    /// to write without drawing a value's worth of random bytes per operation on the client's CPU.
    /// </summary>
    private readonly byte[] _randomBytes;

    public BenchWorker(int index, IDynamoClient target, BenchSettings settings, IKeyChooser keys, InsertSequence inserts, Random random)
    {
        _index = index;
        _target = target;
        _settings = settings;
        _keys = keys;
        _inserts = inserts;
        _random = random;
        _randomBytes = new byte[settings.ValueSize + ValueOffsets];
        random.NextBytes(_randomBytes);
    }

    /// <summary>Operations of the load phase and the warm-up.</summary>
    public OperationRecorder Warmup { get; } = new();

    /// <summary>Operations measured.</summary>
    public OperationRecorder Measured { get; } = new();

    /// <summary>The key of a record number, as YCSB names them.</summary>
    public static string Key(long record) => "user" + record.ToString(CultureInfo.InvariantCulture);

    /// <summary>Inserts records drawn from <paramref name="next"/> until the records are all claimed.</summary>
    public async Task LoadAsync(Func<long> next, OperationRecorder recorder, CancellationToken ct)
    {
        for (long record = next(); record < _settings.Records; record = next())
        {
            long started = Stopwatch.GetTimestamp();
            var error = await PutAsync(record, null, ct).ConfigureAwait(false);
            Record(recorder, BenchOperation.Insert, started, error);
        }
    }

    /// <summary>A closed loop: the next operation starts when the previous one finished.</summary>
    public async Task RunClosedAsync(RunPlan plan, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            long started = Stopwatch.GetTimestamp();
            if (started >= plan.EndTicks) return;
            bool measured = started >= plan.MeasureFromTicks;
            if (measured && !plan.ClaimMeasuredOperation()) return;
            var operation = _settings.Workload.Choose(_random.NextDouble());
            var error = await ExecuteAsync(operation, ct).ConfigureAwait(false);
            Record(measured ? Measured : Warmup, operation, started, error);
        }
    }

    /// <summary>
    /// An open loop: this client takes every <c>clients</c>-th slot of the schedule and starts it at its intended
    /// time, or at once when it is behind; latency counts from the intended start, so a stall shows in every
    /// operation queued behind it (no coordinated omission).
    /// </summary>
    public async Task RunOpenAsync(RunPlan plan, CancellationToken ct)
    {
        for (long slot = _index; slot < plan.TotalOperations && !ct.IsCancellationRequested; slot += _settings.Clients)
        {
            long intended = plan.IntendedStart(slot);
            if (intended >= plan.EndTicks) return;
            long wait = intended - Stopwatch.GetTimestamp();
            // Timers fire in whole milliseconds; a shorter wait starts a little early, and the latency then counts from
            // the actual start, so an early start never shortens a latency. A late start counts from the intended one.
            if (wait * 1000 >= Stopwatch.Frequency)
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), ct).ConfigureAwait(false);
            long started = Math.Min(intended, Stopwatch.GetTimestamp());
            var operation = _settings.Workload.Choose(_random.NextDouble());
            var error = await ExecuteAsync(operation, ct).ConfigureAwait(false);
            Record(slot >= plan.WarmupOperations ? Measured : Warmup, operation, started, error);
        }
    }

    private static void Record(OperationRecorder recorder, BenchOperation operation, long started, string? error)
    {
        long finished = Stopwatch.GetTimestamp();
        if (error is null)
            recorder.Success(operation, (long)((finished - started) * (1e9 / Stopwatch.Frequency)), finished);
        else
            recorder.Failure(operation, error, finished);
    }

    /// <summary>Runs one operation; returns null on success, else what went wrong.</summary>
    private async Task<string?> ExecuteAsync(BenchOperation operation, CancellationToken ct)
    {
        switch (operation)
        {
            case BenchOperation.Read:
            {
                var (_, error) = await GetAsync(_keys.Next(_inserts.Written), ct).ConfigureAwait(false);
                return error;
            }
            case BenchOperation.Update:
                return await PutAsync(_keys.Next(_inserts.Written), null, ct).ConfigureAwait(false);
            case BenchOperation.Insert:
            {
                long record = _inserts.Allocate();
                try
                {
                    return await PutAsync(record, null, ct).ConfigureAwait(false);
                }
                finally
                {
                    _inserts.Finish(record);
                }
            }
            case BenchOperation.ReadModifyWrite:
            {
                long record = _keys.Next(_inserts.Written);
                var (read, error) = await GetAsync(record, ct).ConfigureAwait(false);
                return error ?? await PutAsync(record, read!.Context, ct).ConfigureAwait(false);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "not an operation type");
        }
    }

    private async Task<(DynamoGetResult? Result, string? Error)> GetAsync(long record, CancellationToken ct)
    {
        try
        {
            var result = await _target.GetAsync(_settings.Bucket, Key(record), ct: ct).ConfigureAwait(false);
            // Every record read was written before, so a miss means a write was lost or never acknowledged.
            return result.Found ? (result, null) : (result, result.Deleted ? "read: a loaded record came back deleted" : "read: a loaded record was not found");
        }
        catch (Exception e) when (IsRequestFailure(e, ct))
        {
            return (null, "read: " + e.Message);
        }
    }

    private async Task<string?> PutAsync(long record, DynamoContext? context, CancellationToken ct)
    {
        var value = _randomBytes.AsMemory(_random.Next(ValueOffsets + 1), _settings.ValueSize);
        try
        {
            await _target.PutAsync(_settings.Bucket, Key(record), value, ContentType, context, ct: ct).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (IsRequestFailure(e, ct))
        {
            return "write: " + e.Message;
        }
    }

    /// <summary>Failures of one request count as errors; a cancelled run and bugs of this tool propagate.</summary>
    private static bool IsRequestFailure(Exception e, CancellationToken ct) =>
        e is DynamoException or HttpRequestException or IOException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);
}
