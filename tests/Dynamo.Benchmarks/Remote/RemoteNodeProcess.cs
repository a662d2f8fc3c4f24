using System.Diagnostics;

namespace Dynamo.Benchmarks.Remote;

/// <summary>
/// A Dynamo.Benchmarks.RemoteNode child process: started with <c>dotnet &lt;dll&gt; 0</c>, its address read from its
/// "LISTENING" line. Disposing closes its standard input (which makes it exit) and kills it if it has not.
/// </summary>
internal sealed class RemoteNodeProcess : IDisposable
{
    private const string DllName = "Dynamo.Benchmarks.RemoteNode.dll";
    private readonly Process _process;

    private RemoteNodeProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>The child's actor system address, e.g. <c>akka.tcp://node@127.0.0.1:40123</c>.</summary>
    public string Address { get; }

    public static RemoteNodeProcess Start()
    {
        var dll = Locate();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("0");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start dotnet {dll}.");
        try
        {
            var line = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            const string prefix = "LISTENING ";
            if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal))
                throw new InvalidOperationException($"The remote node printed '{line}' instead of its address.");
            return new RemoteNodeProcess(process, line[prefix.Length..]);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5))) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        _process.Dispose();
    }

    /// <summary>
    /// The node's dll: next to this assembly when the benchmark harness built both into one folder, else in the
    /// node project's own Release or Debug output found by walking up to the tests folder.
    /// </summary>
    private static string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, DllName);
        if (File.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var configuration in new[] { "Release", "Debug" })
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Dynamo.Benchmarks.RemoteNode", "bin", configuration, "net10.0", DllName);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException($"{DllName} not found; build it first: dotnet build -c Release tests/Dynamo.Benchmarks.RemoteNode");
    }
}
