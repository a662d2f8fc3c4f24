using System.Diagnostics;
using System.Globalization;
using Dynamo.TestSupport;

namespace Dynamo.Testing;

/// <summary>
/// The embedding sample (<c>dotnet Dynamo.Sample.dll</c>): a team's own service joining a cluster of node processes
/// on loopback, with its output kept for failure messages. Disposing kills it and deletes its data folder.
/// </summary>
public sealed class SampleProcess : IDisposable
{
    private const int KeptLines = 500;

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly Queue<string> _lines = new();

    private SampleProcess(Process process, int remotePort, int httpPort, string dataDirectory)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        RemotePort = remotePort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(15) };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The path of <c>Dynamo.Sample.dll</c> beside the running tests.</summary>
    public static string SampleDll => Path.Combine(AppContext.BaseDirectory, "Dynamo.Sample.dll");

    /// <summary>The port of the sample's actor transport.</summary>
    public int RemotePort { get; }

    /// <summary>The member address, as a node's <c>GET /cluster</c> shows it.</summary>
    public string Address => $"akka.tcp://{ServerProcess.SystemName}@127.0.0.1:{RemotePort}";

    /// <summary>The node id the ring would name this member by, were it running the store.</summary>
    public string NodeId => $"127.0.0.1:{RemotePort}";

    /// <summary>An HTTP client whose base address is the sample's own API.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Starts the sample on free ports, joining through the node listening on <paramref name="seedPort"/>;
    /// <paramref name="store"/> also runs the store on it (the role <c>dynamo</c>). It gets the nodes' settings
    /// (<see cref="ServerProcess.FastTimings"/>): a member must agree with them on the ring's size.
    /// </summary>
    /// <exception cref="FileNotFoundException">Dynamo.Sample.dll is not beside the tests (the test project must reference src/Dynamo.Sample).</exception>
    public static SampleProcess Start(int seedPort, bool store)
    {
        if (!File.Exists(SampleDll))
            throw new FileNotFoundException($"{SampleDll} is missing: reference src/Dynamo.Sample/Dynamo.Sample.csproj from the test project.", SampleDll);
        int remotePort = FreePorts.One(), httpPort = FreePorts.One();
        var data = Directory.CreateTempSubdirectory("dynamo-sample-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     SampleDll, "--seed", $"127.0.0.1:{seedPort}", "--port", remotePort.ToString(CultureInfo.InvariantCulture),
                     "--http-port", httpPort.ToString(CultureInfo.InvariantCulture), "--data-dir", data,
                 })
        {
            info.ArgumentList.Add(arg);
        }
        if (store) info.ArgumentList.Add("--store");
        foreach (var line in ServerProcess.FastTimings)
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(line);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started.");
        return new SampleProcess(process, remotePort, httpPort, data);
    }

    /// <summary>The last <paramref name="lines"/> lines the process wrote (stdout and stderr interleaved).</summary>
    public string Output(int lines = 40)
    {
        lock (_lines) return string.Join(Environment.NewLine, _lines.TakeLast(lines));
    }

    /// <summary>Kills the process and deletes its data folder.</summary>
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
        Http.Dispose();
        ServerProcess.DeleteDirectory(_dataDirectory);
    }

    private void Collect(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > KeptLines) _lines.Dequeue();
        }
    }
}
