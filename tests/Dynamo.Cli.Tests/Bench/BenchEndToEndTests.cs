using System.Text.Json;
using Dynamo.Cli.Bench;
using Spectre.Console;

namespace Dynamo.Cli.Tests.Bench;

/// <summary>Short runs of <c>dynamo bench</c> over each transport against a real node: counts, no errors, the JSON file.</summary>
public sealed class BenchEndToEndTests(OneNode node) : IClassFixture<OneNode>, IDisposable
{
    private readonly string _json = Path.Combine(Path.GetTempPath(), $"dynamo-bench-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_json);

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        var command = DynamoCommandLine.Create();
        command.Subcommands.Remove(command.Subcommands.Single(c => c.Name == "bench"));
        command.Subcommands.Add(BenchCommand.Create(console));
        var parse = command.Parse(["bench", "--node", node.Url, "--json", _json, .. args]);
        Assert.Empty(parse.Errors);
        int exit = await parse.InvokeAsync().WaitAsync(TimeSpan.FromSeconds(40));
        return (exit, output.ToString());
    }

    [Theory]
    [InlineData("http", "a")]
    [InlineData("native", "a")]
    [InlineData("native", "f")]
    [InlineData("http", "d")]
    [InlineData("http", "c", true)]
    [InlineData("native", "c", false)]
    public async Task A_short_run_completes_every_operation_without_errors_and_writes_its_json(string transport, string workload, bool? clientDriven = null)
    {
        string[] coordination = clientDriven is { } given ? ["--client-driven", given ? "true" : "false"] : [];
        var (exit, output) = await RunAsync(["--transport", transport, "--workload", workload, "--records", "200",
            "--operations", "1000", "--clients", "8", "--value-size", "256", "--bucket", $"e2e-{transport}-{workload}", .. coordination]);

        Assert.True(exit == 0, output);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(_json));
        var root = json.RootElement;
        Assert.Equal(transport, root.GetProperty("parameters").GetProperty("transport").GetString());
        // The clients' own default unless the run says otherwise.
        Assert.Equal(clientDriven ?? transport == "native", root.GetProperty("parameters").GetProperty("clientDriven").GetBoolean());
        Assert.Equal(200, root.GetProperty("load").GetProperty("records").GetInt64());
        Assert.Equal(0, root.GetProperty("load").GetProperty("errors").GetInt64());
        var total = root.GetProperty("total");
        Assert.True(total.GetProperty("errors").GetInt64() == 0, output);
        Assert.Equal(1000, total.GetProperty("count").GetInt64());
        Assert.Equal(1000, root.GetProperty("operations").EnumerateArray().Sum(o => o.GetProperty("count").GetInt64()));
        Assert.True(total.GetProperty("p99Ms").GetDouble() > 0);
        Assert.Contains("closed loop", root.GetProperty("mode").GetString());
        Assert.Contains("p99.9", output);
        Assert.Contains("total", output);

        // What the node (from its /metrics) and the client spent per measured operation.
        var costs = root.GetProperty("costs").EnumerateArray().ToList();
        Assert.Equal([new Uri(node.Url).ToString(), "client"], costs.Select(c => c.GetProperty("process").GetString()));
        Assert.All(costs, c => Assert.True(c.GetProperty("cpuMicroseconds").GetDouble() > 0, c.ToString()));
        Assert.All(costs, c => Assert.True(c.GetProperty("allocatedKiB").GetDouble() > 0, c.ToString()));
        Assert.True(costs[0].GetProperty("contextSwitches").GetDouble() > 0, costs[0].ToString());
        Assert.Contains("cost per operation", output);
    }

    [Fact]
    public async Task An_open_loop_run_over_a_duration_reports_its_mode_and_progress_lines()
    {
        var (exit, output) = await RunAsync("--workload", "b", "--records", "100", "--duration", "2s", "--warmup", "500ms",
            "--rate", "300", "--clients", "4", "--value-size", "64", "--bucket", "e2e-open");

        Assert.True(exit == 0, output);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(_json));
        var total = json.RootElement.GetProperty("total");
        Assert.Equal(0, total.GetProperty("errors").GetInt64());
        // 2 s at 300 ops/s, after a warm-up of 150 scheduled operations that are not counted.
        Assert.Equal(600, total.GetProperty("count").GetInt64());
        Assert.Equal(150, json.RootElement.GetProperty("warmupOperations").GetInt64());
        Assert.Contains("open loop at 300 ops/s", output);
        Assert.Contains("ops/s", output);
        Assert.Contains("[run", output);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_is_reported_and_the_run_does_not_start()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        var settings = new BenchSettings
        {
            Nodes = [new Uri("http://127.0.0.1:1/")],
            Workload = Workload.C,
            Records = 10,
            Operations = 10,
            Clients = 1,
            ValueSize = 1,
            Distribution = KeyDistribution.Uniform,
            Transport = BenchTransport.Native,
        };

        int exit = await BenchCommand.RunAsync(settings, console, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exit);
        Assert.Contains("cannot reach http://127.0.0.1:1/cluster", output.ToString());
    }
}
