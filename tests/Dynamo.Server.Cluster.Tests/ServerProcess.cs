using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dynamo.Server.Cluster.Tests;

/// <summary>
/// A node process (<c>dotnet Dynamo.Server.dll</c>) on loopback with its own SQLite folder, short
/// cluster timings and its output collected for failure messages. Disposing kills it and deletes its data.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    public const string SystemName = "dynamo";

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly List<string> _lines = [];

    private ServerProcess(Process process, string dataDirectory, int remotePort, int httpPort)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        RemotePort = remotePort;
        HttpPort = httpPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(15) };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int RemotePort { get; }

    public int HttpPort { get; }

    public string Address => $"dynamo.tcp://{SystemName}@127.0.0.1:{RemotePort}";

    public string NodeId => $"127.0.0.1:{RemotePort}";

    public HttpClient Http { get; }

    /// <summary>Starts a node listening on free ports that joins through <paramref name="seedPort"/> (its own port for the first).</summary>
    public static ServerProcess Start(int remotePort, int seedPort)
    {
        var httpPort = FreePort();
        var data = Directory.CreateTempSubdirectory("dynamo-server-cluster-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dynamo.Server.dll"));
        string[] args =
        [
            "--host", "127.0.0.1",
            "--port", remotePort.ToString(),
            "--http-port", httpPort.ToString(),
            "--seed", $"dynamo.tcp://{SystemName}@127.0.0.1:{seedPort}",
            "--data-dir", data,
        ];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var line in FastTimings)
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(line);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started.");
        return new ServerProcess(process, data, remotePort, httpPort);
    }

    // Seconds instead of Akka's defaults, so joining and failure detection fit a short test;
    // synchronous = normal because a killed process (not a power cut) is all these tests survive.
    private static readonly string[] FastTimings =
    [
        "dynamo.kv.ring-partitions = 16",
        "dynamo.kv.request-timeout = 2s",
        "dynamo.persistence.sqlite.synchronous = normal",
        "dynamo.remote.backoff-min = 50ms",
        "dynamo.remote.backoff-max = 300ms",
        "dynamo.remote.handshake-timeout = 2s",
        "dynamo.remote.heartbeat-interval = 200ms",
        "dynamo.remote.idle-timeout = 3s",
        "dynamo.cluster.seed-node-timeout = 1s",
        "dynamo.cluster.gossip-interval = 200ms",
        "dynamo.cluster.leader-actions-interval = 200ms",
        "dynamo.cluster.unreachable-nodes-reaper-interval = 200ms",
        "dynamo.cluster.periodic-tasks-initial-delay = 100ms",
        "dynamo.cluster.failure-detector.heartbeat-interval = 200ms",
        "dynamo.cluster.failure-detector.acceptable-heartbeat-pause = 1s",
        "dynamo.cluster.failure-detector.expected-response-after = 500ms",
    ];

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public bool HasExited => _process.HasExited;

    public string Output()
    {
        lock (_lines) return string.Join(Environment.NewLine, _lines.TakeLast(40));
    }

    /// <summary>SIGKILL of the process and anything it started: no goodbye, no leave.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the test's outcome does not depend on it.
        }
    }

    private void Collect(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
    }
}
