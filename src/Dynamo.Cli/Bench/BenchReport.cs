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
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"workload {settings.Workload.Name}, {settings.Distribution.ToString().ToLowerInvariant()} keys, {settings.Records:N0} records of {settings.ValueSize:N0} B, "
            + $"{settings.Clients} clients over {settings.Nodes.Count} node(s) by {settings.Transport.ToString().ToLowerInvariant()}, "
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
    }

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
