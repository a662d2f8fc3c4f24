using System.CommandLine;
using Dynamo.Cli.Bench;
using Spectre.Console;

namespace Dynamo.Cli.Tests.Bench;

/// <summary>Every option of <c>dynamo bench</c>, parsed into settings or refused with an error naming the problem.</summary>
public sealed class BenchCommandTests
{
    private static readonly string[] Minimal = ["--node", "http://127.0.0.1:8098", "--operations", "10"];

    private static Command Command(List<BenchSettings> parsed) =>
        BenchCommand.Create(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
            (settings, _, _) =>
            {
                parsed.Add(settings);
                return Task.FromResult(0);
            });

    private static async Task<BenchSettings> ParseAsync(params string[] args)
    {
        var parsed = new List<BenchSettings>();
        var result = Command(parsed).Parse(args);
        Assert.Empty(result.Errors);
        Assert.Equal(0, await result.InvokeAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        return Assert.Single(parsed);
    }

    private static string ErrorsOf(params string[] args)
    {
        var result = Command([]).Parse(args);
        Assert.NotEmpty(result.Errors);
        return string.Join(Environment.NewLine, result.Errors.Select(e => e.Message));
    }

    [Fact]
    public async Task Every_option_is_parsed_into_the_settings()
    {
        var settings = await ParseAsync("--node", "http://127.0.0.1:8098", "--node", "http://127.0.0.1:8099/", "--workload", "F",
            "--records", "5000", "--duration", "1500ms", "--clients", "7", "--value-size", "100", "--distribution", "uniform",
            "--rate", "250.5", "--transport", "native", "--warmup", "2s", "--skip-load", "--json", "out.json", "--bucket", "b1",
            "--client-host", "10.0.0.9", "--seed", "17");

        Assert.Equal([new Uri("http://127.0.0.1:8098/"), new Uri("http://127.0.0.1:8099/")], settings.Nodes);
        Assert.Same(Workload.F, settings.Workload);
        Assert.Equal(5000, settings.Records);
        Assert.Null(settings.Operations);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.Duration);
        Assert.Equal(7, settings.Clients);
        Assert.Equal(100, settings.ValueSize);
        Assert.Equal(KeyDistribution.Uniform, settings.Distribution);
        Assert.Equal(250.5, settings.Rate);
        Assert.True(settings.OpenLoop);
        Assert.Contains("open loop", settings.Mode);
        Assert.Equal(BenchTransport.Native, settings.Transport);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.Warmup);
        Assert.True(settings.SkipLoad);
        Assert.Equal("out.json", settings.JsonFile);
        Assert.Equal("b1", settings.Bucket);
        Assert.Equal("10.0.0.9", settings.ClientHost);
        Assert.Equal(17, settings.Seed);
    }

    [Fact]
    public async Task Defaults_are_a_closed_loop_of_workload_a_over_http_with_the_workloads_distribution()
    {
        var a = await ParseAsync(Minimal);
        var d = await ParseAsync([.. Minimal, "--workload", "d"]);

        Assert.Same(Workload.A, a.Workload);
        Assert.Equal(10, a.Operations);
        Assert.False(a.OpenLoop);
        Assert.Contains("closed loop", a.Mode);
        Assert.Equal(BenchTransport.Http, a.Transport);
        Assert.Equal(KeyDistribution.Zipfian, a.Distribution);
        Assert.Equal(TimeSpan.Zero, a.Warmup);
        Assert.False(a.SkipLoad);
        Assert.Equal(KeyDistribution.Latest, d.Distribution);
    }

    [Theory]
    [InlineData("2m", 120)]
    [InlineData("30", 30)]
    [InlineData("0.5s", 0.5)]
    [InlineData("1h", 3600)]
    public async Task Durations_take_a_unit_or_mean_seconds(string text, double seconds)
    {
        var settings = await ParseAsync("--node", "http://127.0.0.1:8098", "--duration", text);

        Assert.Equal(TimeSpan.FromSeconds(seconds), settings.Duration);
    }

    [Theory]
    [InlineData("--workload", "e", "--workload: \"e\" is not a core workload; expected a, b, c, d or f")]
    [InlineData("--clients", "0", "--clients must be at least 1")]
    [InlineData("--records", "0", "--records must be at least 1")]
    [InlineData("--value-size", "-1", "--value-size must be between 0")]
    [InlineData("--distribution", "pareto", "--distribution: \"pareto\" is not a distribution")]
    [InlineData("--transport", "grpc", "--transport: \"grpc\" is not a transport; expected http or native")]
    [InlineData("--rate", "0", "--rate must be a positive number")]
    [InlineData("--warmup", "-1s", "--warmup must not be negative")]
    [InlineData("--warmup", "soon", "--warmup: \"soon\" is no duration")]
    [InlineData("--bucket", "", "--bucket must not be empty")]
    public void A_bad_value_is_refused_naming_the_option(string option, string value, string error)
    {
        Assert.Contains(error, ErrorsOf([.. Minimal, option, value]));
    }

    [Theory]
    [InlineData("127.0.0.1:8098")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("not a url")]
    public void A_node_that_is_no_http_url_is_refused_naming_it(string node)
    {
        var errors = ErrorsOf("--node", node, "--operations", "10");

        Assert.Contains($"--node: \"{node}\" is not an absolute http:// or https:// URL", errors);
    }

    [Fact]
    public void Operations_and_duration_together_are_refused()
    {
        Assert.Contains("--operations and --duration both bound the run: give only one",
            ErrorsOf([.. Minimal, "--duration", "10s"]));
    }

    [Fact]
    public void A_run_without_operations_or_duration_is_refused()
    {
        Assert.Contains("give either --operations", ErrorsOf("--node", "http://127.0.0.1:8098"));
    }

    [Fact]
    public void A_run_without_a_node_is_refused()
    {
        Assert.Contains("--node", ErrorsOf("--operations", "10"));
    }

    [Theory]
    [InlineData("--operations", "0", "--operations must be at least 1")]
    [InlineData("--duration", "0s", "--duration must be positive")]
    [InlineData("--duration", "forever", "--duration: \"forever\" is no duration")]
    public void A_bad_bound_is_refused(string option, string value, string error)
    {
        Assert.Contains(error, ErrorsOf("--node", "http://127.0.0.1:8098", option, value));
    }

    [Fact]
    public void Bench_is_a_command_of_the_dynamo_tool()
    {
        var result = DynamoCommandLine.Create().Parse(["bench", .. Minimal]);

        Assert.Empty(result.Errors);
        Assert.Equal("bench", result.CommandResult.Command.Name);
    }
}
