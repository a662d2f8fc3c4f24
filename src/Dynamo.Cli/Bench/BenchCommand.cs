using System.CommandLine;
using Spectre.Console;

namespace Dynamo.Cli.Bench;

/// <summary>
/// <c>dynamo bench</c>: a YCSB-style load generator. Loads the records, runs a core workload (A, B, C, D or F)
/// closed-loop or open-loop at a rate, shows progress once a second and ends with a table per operation type.
/// </summary>
public static class BenchCommand
{
    /// <summary>The largest value the tool writes; larger values are refused before the run starts.</summary>
    public const int MaxValueSize = 64 * 1024 * 1024;

    private const int RedirectedWidth = 120;

    /// <summary>The command writing to the process's console.</summary>
    public static Command Create() => Create(AnsiConsole.Console);

    /// <summary>The command writing its progress and results to <paramref name="console"/>.</summary>
    public static Command Create(IAnsiConsole console) => Create(console, RunAsync);

    /// <summary>The command handing the settings it parsed to <paramref name="run"/> (tests look at what was parsed).</summary>
    internal static Command Create(IAnsiConsole console, Func<BenchSettings, IAnsiConsole, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        var options = new BenchOptions();
        var command = new Command("bench", "Run a YCSB-style workload against nodes and report throughput and latency percentiles.");
        foreach (var option in options.All) command.Options.Add(option);
        command.Validators.Add(result => options.Validate(result));
        command.SetAction((parseResult, ct) => run(options.Settings(parseResult), console, ct));
        return command;
    }

    /// <summary>Runs a benchmark with its settings, writing to <paramref name="console"/>; 0 when it ran, 1 when it could not start.</summary>
    public static async Task<int> RunAsync(BenchSettings settings, IAnsiConsole console, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        // Redirected output has no terminal width; the default of 80 columns would wrap the results table.
        if (!console.Profile.Capabilities.Interactive && console.Profile.Width < RedirectedWidth) console.Profile.Width = RedirectedWidth;
        BenchResult result;
        try
        {
            await using var connections = await BenchConnections.OpenAsync(settings, ct).ConfigureAwait(false);
            await connections.UseLastWriteWinsAsync(settings, ct).ConfigureAwait(false);
            BenchReport.WriteHeader(console, settings);
            var runner = new BenchRunner(settings, connections.Clients, new CostProbe(connections.Http, settings.Nodes));
            result = await BenchReport.WithProgressAsync(console, progress => runner.RunAsync(progress, ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BenchSetupException or HttpRequestException or Dynamo.Client.DynamoException)
        {
            console.MarkupLineInterpolated($"[red]dynamo bench: {e.Message}[/]");
            return 1;
        }
        BenchReport.WriteResult(console, result);
        if (settings.JsonFile is { } file)
        {
            await File.WriteAllTextAsync(file, BenchReport.ToJson(result), ct).ConfigureAwait(false);
            console.MarkupLineInterpolated($"results written to {file}");
        }
        return 0;
    }
}
