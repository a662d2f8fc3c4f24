using System.CommandLine;

namespace Dynamo.Cli.Tests;

/// <summary>Runs <c>dynamo</c> in this process with captured output, as a shell would run it.</summary>
public static class InProcessCli
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="args"/>; <paramref name="environment"/> stands in for the process environment and
    /// <paramref name="handler"/>, when given, answers every HTTP request instead of the network.
    /// </summary>
    public static async Task<CliRun> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null,
        HttpMessageHandler? handler = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error,
            () => handler is null
                ? new HttpClient { Timeout = TimeSpan.FromSeconds(15) }
                : new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(15) },
            name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
            width: 200);
        var code = await DynamoCommandLine.Create(context).Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error })
            .WaitAsync(RunTimeout);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
