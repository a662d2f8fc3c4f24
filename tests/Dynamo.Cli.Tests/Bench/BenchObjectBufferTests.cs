using Dynamo.Cli.Bench;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Tests.Bench;

/// <summary><c>dynamo bench --object-buffer</c>: parsed, and set on the bench bucket during set-up against a real node.</summary>
public sealed class BenchObjectBufferTests(OneNode node) : IClassFixture<OneNode>
{
    private static async Task<BenchSettings> ParseAsync(params string[] args)
    {
        var parsed = new List<BenchSettings>();
        var command = BenchCommand.Create(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
            (settings, _, _) =>
            {
                parsed.Add(settings);
                return Task.FromResult(0);
            });
        var result = command.Parse(["--node", "http://127.0.0.1:8098", "--operations", "10", .. args]);
        Assert.Empty(result.Errors);
        Assert.Equal(0, await result.InvokeAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        return Assert.Single(parsed);
    }

    [Fact]
    public async Task Object_buffer_flag_is_off_unless_given()
    {
        Assert.False((await ParseAsync()).ObjectBuffer);
        Assert.True((await ParseAsync("--object-buffer")).ObjectBuffer);
    }

    [Fact]
    public async Task A_run_with_the_flag_turns_the_bench_buckets_object_buffer_on_and_a_run_without_turns_it_off()
    {
        var withBuffer = await RunAsync(objectBuffer: true, skipLoad: false);
        var propsWith = await PropsAsync();
        var withoutBuffer = await RunAsync(objectBuffer: false, skipLoad: true);
        var propsWithout = await PropsAsync();

        Assert.True(withBuffer.Exit == 0, withBuffer.Output);
        Assert.True(withoutBuffer.Exit == 0, withoutBuffer.Output);
        Assert.Contains("object buffer on", withBuffer.Output);
        Assert.Contains("object buffer off", withoutBuffer.Output);
        Assert.Equal((true, DynamoConflictMode.LastWriteWins), (propsWith.ObjectBuffer, propsWith.Conflicts));
        Assert.Equal((false, DynamoConflictMode.LastWriteWins), (propsWithout.ObjectBuffer, propsWithout.Conflicts));
    }

    private async Task<(int Exit, string Output)> RunAsync(bool objectBuffer, bool skipLoad)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var settings = new BenchSettings
        {
            Nodes = [new Uri(node.Url.TrimEnd('/') + "/")],
            Workload = Workload.A,
            Records = 20,
            Operations = 50,
            Clients = 2,
            ValueSize = 16,
            Distribution = KeyDistribution.Uniform,
            Bucket = "bench-buffer",
            ObjectBuffer = objectBuffer,
            SkipLoad = skipLoad,
        };
        var exit = await BenchCommand.RunAsync(settings, console, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return (exit, output.ToString());
    }

    private async Task<DynamoBucketProps> PropsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await new DynamoHttpClient(http, new Uri(node.Url)).GetBucketPropsAsync("bench-buffer");
    }
}
