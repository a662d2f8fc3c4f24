using System.Diagnostics;
using Dynamo.Storage.CrashWriter;

namespace Dynamo.Storage.Tests.Crash;

/// <summary>Starts the crash writer as a child process, collects its acknowledgements, and kills it.</summary>
public static class CrashWriterProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs the writer until it acknowledged a random number of writes, plus a random pause, then
    /// kills it with SIGKILL and returns every write it acknowledged before dying.
    /// </summary>
    public static async Task<IReadOnlyList<(int Writer, int Sequence)>> RunUntilKilledAsync(IReadOnlyList<string> arguments, int seed)
    {
        var random = new Random(seed);
        var killAfter = random.Next(20, 800);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dynamo.Storage.CrashWriter.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash writer.");
        var lines = new List<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                    if (lines.Count >= killAfter)
                        enough.TrySetResult();
                }
            }
        });
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var first = await Task.WhenAny(enough.Task, process.WaitForExitAsync()).WaitAsync(Limit);
            if (first != enough.Task)
                Assert.Fail($"The crash writer exited by itself (code {process.ExitCode}) after {lines.Count} writes: {await errors}");
            await Task.Delay(random.Next(0, 100));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync().WaitAsync(Limit);
        await reading.WaitAsync(Limit);

        // The last line may have been cut by the kill; only whole lines are acknowledgements.
        var acknowledged = new List<(int, int)>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (CrashWorkload.TryParse(lines[i], out var writer, out var sequence))
                acknowledged.Add((writer, sequence));
            else if (i != lines.Count - 1)
                Assert.Fail($"Unexpected output line from the crash writer: '{lines[i]}'");
        }
        return acknowledged;
    }
}
