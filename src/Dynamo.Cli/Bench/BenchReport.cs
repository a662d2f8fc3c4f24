using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Dynamo.Cli.Bench;

/// <summary>How a run shows on the terminal (a live line, then tables) and in its JSON file.</summary>
public static class BenchReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>What is about to run: workload, mode, transport, sizes and the bucket's properties the run set.</summary>
    public static void WriteHeader(IAnsiConsole console, BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(settings);
        var bound = settings.Operations is { } ops ? $"{ops:N0} operations" : $"{settings.Duration!.Value.TotalSeconds:0.###} s";
        var byRing = settings.CoordinatesByRing ? " coordinating by the ring" : "";
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"workload {settings.Workload.Name}, {settings.Distribution.ToString().ToLowerInvariant()} keys, {settings.Records:N0} records of {settings.ValueSize:N0} B, "
            + $"{settings.Clients} clients over {settings.Nodes.Count} node(s) by {settings.Transport.ToString().ToLowerInvariant()}{byRing}, "
            + $"{bound} after {settings.Warmup.TotalSeconds:0.###} s warm-up"));
        console.WriteLine("mode: " + settings.Mode);
        console.WriteLine($"bucket {settings.Bucket}: last-write-wins, object buffer {(settings.ObjectBuffer ? "on" : "off")}");
    }

    /// <summary>
    /// Runs <paramref name="run"/>, showing its progress once a second: one line updated in place on a terminal,
    /// a plain line per second when output is redirected (so a log keeps every second).
    /// </summary>
    public static async Task<T> WithProgressAsync<T>(IAnsiConsole console, Func<Action<ProgressSample>, Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi)
            return await run(sample => console.WriteLine(Line(sample))).ConfigureAwait(false);
        return await console.Live(new Text("connecting…")).AutoClear(false)
            .StartAsync(context => run(sample => context.UpdateTarget(new Text(Line(sample)))))
            .ConfigureAwait(false);
    }

    /// <summary>One progress line.</summary>
    public static string Line(ProgressSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var left = sample.Left is { } l ? $"{l.TotalSeconds:0}s left" : "time left unknown";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{sample.Phase,-7}] {sample.Elapsed.TotalSeconds,5:0}s {sample.OpsPerSecond,10:N0} ops/s {sample.Errors,6} errors  p99 {sample.P99Ms,8:0.000} ms  {left}");
    }

    /// <summary>The results: the load phase, a table per operation type and the errors seen.</summary>
    public static void WriteResult(IAnsiConsole console, BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {result.Load.Records:N0} records in {result.Load.Seconds:0.0} s, {result.Load.Errors} errors; warm-up: {result.WarmupOperations:N0} operations"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measured {result.MeasuredSeconds:0.0} s, {result.Mode}; latencies in ms"));
        var table = new Table().AddColumns("operation", "count", "ops/s", "mean", "p50", "p95", "p99", "p99.9", "max", "errors");
        foreach (var column in table.Columns.Skip(1)) column.RightAligned();
        foreach (var stats in result.Operations.Append(result.Total)) table.AddRow(Row(stats));
        console.Write(table);
        foreach (var (message, count) in result.ErrorMessages.OrderByDescending(e => e.Value))
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error ×{count}: {message}"));
        WriteCosts(console, result.Costs);
    }

    // A node's figures include what it did for requests that arrived at other nodes (it coordinates and stores replicas).
    private static void WriteCosts(IAnsiConsole console, IReadOnlyList<CostPerOperation> costs)
    {
        if (costs.Count == 0) return;
        console.WriteLine("cost per operation of the measured run, each process (a node's includes its work for the others' requests):");
        var table = new Table().AddColumns("process", "CPU µs", "alloc KiB", "GC pause %", "GCs", "lock waits", "pool items", "ctx switches");
        foreach (var column in table.Columns.Skip(1)) column.RightAligned();
        foreach (var c in costs)
        {
            table.AddRow(Markup.Escape(c.Process), Number(c.CpuMicroseconds, "0"), Number(c.AllocatedKiB, "0.0"), Number(c.GcPausePercent, "0.0"),
                Number(c.Collections, "0"), Number(c.LockContentions, "0.00"), Number(c.WorkItems, "0.0"),
                c.ContextSwitches is { } s ? Number(s, "0.0") : "-");
        }
        var nodes = costs.Where(c => c.Process != "client").ToList();
        if (nodes.Count > 1)
            table.AddRow("nodes, together", Number(nodes.Sum(n => n.CpuMicroseconds), "0"), Number(nodes.Sum(n => n.AllocatedKiB), "0.0"), "", "",
                Number(nodes.Sum(n => n.LockContentions), "0.00"), Number(nodes.Sum(n => n.WorkItems), "0.0"),
                nodes.All(n => n.ContextSwitches is not null) ? Number(nodes.Sum(n => n.ContextSwitches!.Value), "0.0") : "-");
        console.Write(table);
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The parameters and results as indented JSON (camelCase), for scripts.</summary>
    public static string ToJson(BenchResult result) => JsonSerializer.Serialize(result, JsonOptions);

    private static string[] Row(OperationStats s) =>
    [
        s.Operation,
        s.Count.ToString("N0", CultureInfo.InvariantCulture),
        s.OpsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
        Ms(s.MeanMs), Ms(s.P50Ms), Ms(s.P95Ms), Ms(s.P99Ms), Ms(s.P999Ms), Ms(s.MaxMs),
        s.Errors.ToString(CultureInfo.InvariantCulture),
    ];

    private static string Ms(double ms) => ms.ToString("0.00", CultureInfo.InvariantCulture);
}
