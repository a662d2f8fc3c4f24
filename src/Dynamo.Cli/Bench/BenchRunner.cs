using System.Diagnostics;
using Dynamo.Client;

namespace Dynamo.Cli.Bench;

/// <summary>
/// Runs a benchmark over clients it is given: the load phase (every record inserted once, by all clients,
/// not measured), then the warm-up and the measured run of the workload, reporting progress once a second.
/// </summary>
public sealed class BenchRunner
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    private readonly BenchSettings _settings;
    private readonly IReadOnlyList<IDynamoClient> _targets;
    private readonly CostProbe? _costs;

    /// <summary>
    /// A runner whose clients take <paramref name="targets"/> in turn (one target per node); with <paramref name="costs"/>,
    /// it samples what the processes spent when the measured run starts and when it ends.
    /// </summary>
    public BenchRunner(BenchSettings settings, IReadOnlyList<IDynamoClient> targets, CostProbe? costs = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0) throw new ArgumentException("A run needs at least one target.", nameof(targets));
        _settings = settings;
        _targets = targets;
        _costs = costs;
    }

    /// <summary>Loads the records, runs the workload and returns the measured figures.</summary>
    public async Task<BenchResult> RunAsync(Action<ProgressSample>? progress = null, CancellationToken ct = default)
    {
        var workers = CreateWorkers();
        progress ??= _ => { };

        var loadRecorders = workers.Select(_ => new OperationRecorder()).ToArray();
        var load = _settings.SkipLoad ? new LoadStats(0, 0, 0) : await LoadAsync(workers, loadRecorders, progress, ct).ConfigureAwait(false);

        var plan = new RunPlan(_settings, Stopwatch.GetTimestamp());
        var running = Task.WhenAll(workers.Select(w =>
            Task.Run(() => _settings.OpenLoop ? w.RunOpenAsync(plan, ct) : w.RunClosedAsync(plan, ct), ct)));
        var costsBefore = _costs is null ? null : SampleCostsAtAsync(plan.MeasureFromTicks, ct);
        var runRecorders = workers.SelectMany(w => new[] { w.Warmup, w.Measured }).ToArray();
        await MonitorAsync(running, runRecorders, plan.StartTicks, (now, opsPerSecond) => Describe(plan, now, opsPerSecond), progress)
            .ConfigureAwait(false);
        await running.ConfigureAwait(false);

        var result = Summarize(workers, loadRecorders, plan, load);
        if (costsBefore is null) return result;
        var before = await costsBefore.ConfigureAwait(false);
        var after = await _costs!.SampleAsync(ct).ConfigureAwait(false);
        return result with { Costs = _costs.PerOperation(before, after, result.Total.Count + result.Total.Errors) };
    }

    // The first sample is taken when the warm-up ends, so the costs cover the measured operations only.
    private async Task<CostProbe.Sample> SampleCostsAtAsync(long ticks, CancellationToken ct)
    {
        var wait = TimeSpan.FromSeconds(Math.Max(0, ticks - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        await Task.Delay(wait, ct).ConfigureAwait(false);
        return await _costs!.SampleAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Inserts every record once, the clients taking the next record number in turn.</summary>
    private async Task<LoadStats> LoadAsync(BenchWorker[] workers, OperationRecorder[] recorders, Action<ProgressSample> progress, CancellationToken ct)
    {
        long nextRecord = -1;
        long started = Stopwatch.GetTimestamp();
        var loading = Task.WhenAll(workers.Select((w, i) =>
            Task.Run(() => w.LoadAsync(() => Interlocked.Increment(ref nextRecord), recorders[i], ct), ct)));
        await MonitorAsync(loading, recorders, started, (_, opsPerSecond) =>
            ("load", opsPerSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, _settings.Records - Volatile.Read(ref nextRecord)) / opsPerSecond) : null),
            progress).ConfigureAwait(false);
        await loading.ConfigureAwait(false);
        return new LoadStats(recorders.Sum(r => r.Latencies(BenchOperation.Insert).TotalCount),
            Stopwatch.GetElapsedTime(started).TotalSeconds, recorders.Sum(r => r.Errors(BenchOperation.Insert)));
    }

    private BenchWorker[] CreateWorkers()
    {
        int seed = _settings.Seed ?? Random.Shared.Next();
        // Zeta costs one term per record: computed once here, shared by every client's generator.
        double zeta = _settings.Distribution == KeyDistribution.Uniform ? 0 : ZipfianGenerator.Zeta(_settings.Records);
        var inserts = new InsertSequence(_settings.Records);
        return Enumerable.Range(0, _settings.Clients).Select(i =>
        {
            var random = new Random(unchecked(seed * 31 + i));
            IKeyChooser keys = _settings.Distribution switch
            {
                KeyDistribution.Uniform => new UniformKeyChooser(random),
                KeyDistribution.Latest => new LatestKeyChooser(new ZipfianGenerator(random, _settings.Records, zeta)),
                _ => new ScrambledZipfianKeyChooser(new ZipfianGenerator(random, _settings.Records, zeta)),
            };
            return new BenchWorker(i, _targets[i % _targets.Count], _settings, keys, inserts, random);
        }).ToArray();
    }

    private (string Phase, TimeSpan? Left) Describe(RunPlan plan, long now, double opsPerSecond)
    {
        var phase = now < plan.MeasureFromTicks ? "warm-up" : "run";
        if (_settings.Duration is not null)
            return (phase, TimeSpan.FromSeconds(Math.Max(0, plan.EndTicks - now) / (double)Stopwatch.Frequency));
        if (_settings.OpenLoop)
            return (phase, TimeSpan.FromSeconds(Math.Max(0, plan.IntendedStart(plan.TotalOperations) - now) / (double)Stopwatch.Frequency));
        // A closed loop bounded by operations: the warm-up left, then the operations left at the current pace.
        double warmupLeft = Math.Max(0, plan.MeasureFromTicks - now) / (double)Stopwatch.Frequency;
        return opsPerSecond > 0 ? (phase, TimeSpan.FromSeconds(warmupLeft + plan.MeasuredOperationsLeft / opsPerSecond)) : (phase, null);
    }

    /// <summary>Reports the last second of the recorders' operations once a second until <paramref name="work"/> ends.</summary>
    private static async Task MonitorAsync(Task work, IReadOnlyList<OperationRecorder> recorders, long startedAt,
        Func<long, double, (string Phase, TimeSpan? Left)> describe, Action<ProgressSample> progress)
    {
        var second = OperationRecorder.NewHistogram();
        long previousErrors = 0;
        long previousAt = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(ProgressInterval);
        while (!work.IsCompleted)
        {
            var tick = timer.WaitForNextTickAsync().AsTask();
            if (await Task.WhenAny(work, tick).ConfigureAwait(false) == work) return;
            second.Reset();
            long errors = 0;
            foreach (var recorder in recorders)
            {
                recorder.TakeRecent(second);
                foreach (var operation in BenchOperationNames.All) errors += recorder.Errors(operation);
            }
            long now = Stopwatch.GetTimestamp();
            double seconds = (now - previousAt) / (double)Stopwatch.Frequency;
            double opsPerSecond = (second.TotalCount + errors - previousErrors) / seconds;
            var (phase, left) = describe(now, opsPerSecond);
            progress(new ProgressSample(phase, Stopwatch.GetElapsedTime(startedAt, now), opsPerSecond, errors - previousErrors,
                second.TotalCount == 0 ? 0 : second.GetValueAtPercentile(99) / 1e6, left));
            (previousErrors, previousAt) = (errors, now);
        }
    }

    private BenchResult Summarize(BenchWorker[] workers, OperationRecorder[] loadRecorders, RunPlan plan, LoadStats load)
    {
        long lastFinished = workers.Max(w => w.Measured.LastFinished);
        double seconds = Math.Max(0, lastFinished - plan.MeasureFromTicks) / (double)Stopwatch.Frequency;
        var total = OperationRecorder.NewHistogram();
        long totalErrors = 0;
        var operations = new List<OperationStats>();
        foreach (var operation in BenchOperationNames.All)
        {
            var merged = OperationRecorder.NewHistogram();
            foreach (var worker in workers) merged.Add(worker.Measured.Latencies(operation));
            long errors = workers.Sum(w => w.Measured.Errors(operation));
            total.Add(merged);
            totalErrors += errors;
            if (merged.TotalCount + errors > 0)
                operations.Add(OperationStats.Of(BenchOperationNames.Name(operation), merged, errors, seconds));
        }
        var messages = new Dictionary<string, long>();
        foreach (var recorder in loadRecorders.Concat(workers.SelectMany(w => new[] { w.Warmup, w.Measured })))
        {
            foreach (var (message, count) in recorder.ErrorMessages)
                messages[message] = messages.GetValueOrDefault(message) + count;
        }
        long warmup = workers.Sum(w => BenchOperationNames.All.Sum(o => w.Warmup.Latencies(o).TotalCount + w.Warmup.Errors(o)));
        return new BenchResult(Parameters(), _settings.Mode, load, warmup, Math.Round(seconds, 3), operations,
            OperationStats.Of("total", total, totalErrors, seconds), messages);
    }

    private Dictionary<string, object?> Parameters() => new()
    {
        ["node"] = _settings.Nodes.Select(n => n.ToString()).ToArray(),
        ["workload"] = _settings.Workload.Name,
        ["records"] = _settings.Records,
        ["operations"] = _settings.Operations,
        ["duration"] = _settings.Duration?.TotalSeconds,
        ["clients"] = _settings.Clients,
        ["valueSize"] = _settings.ValueSize,
        ["distribution"] = _settings.Distribution.ToString().ToLowerInvariant(),
        ["rate"] = _settings.Rate,
        ["transport"] = _settings.Transport.ToString().ToLowerInvariant(),
        ["clientDriven"] = _settings.CoordinatesByRing,
        ["warmup"] = _settings.Warmup.TotalSeconds,
        ["skipLoad"] = _settings.SkipLoad,
        ["bucket"] = _settings.Bucket,
        ["seed"] = _settings.Seed,
    };
}
