using System.Diagnostics;
using Dynamo.TestSupport;

namespace Dynamo.Testing;

/// <summary>
/// A node process (<c>dotnet Dynamo.Server.dll</c>) on loopback with its own SQLite folder, short cluster
/// timings and its output collected for failure messages. Disposing kills it; the data folder is deleted
/// only when this process created it (a <see cref="ProcessCluster"/> keeps it for restarts).
/// </summary>
public sealed class ServerProcess : IDisposable
{
    /// <summary>The actor system name every node runs (<c>dynamo.node.system-name</c>'s default).</summary>
    public const string SystemName = "dynamo";

    private const int KeptLines = 2000;

    private readonly Process _process;
    private readonly bool _ownsDataDirectory;
    private readonly Queue<string> _lines = new();

    private ServerProcess(Process process, ServerProcessOptions options, bool ownsDataDirectory)
    {
        _process = process;
        _ownsDataDirectory = ownsDataDirectory;
        Options = options;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.HttpPort}"), Timeout = TimeSpan.FromSeconds(15) };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Seconds instead of Akka's defaults, so joining and failure detection fit a short test; 16 partitions;
    /// <c>synchronous = normal</c> because a killed process (not a power cut) is all these tests survive.
    /// </summary>
    public static IReadOnlyList<string> FastTimings { get; } =
    [
        "dynamo.kv.ring-partitions = 16",
        "dynamo.kv.request-timeout = 2s",
        "dynamo.persistence.sqlite.synchronous = normal",
        // A handoff step to a vnode its receiver has not started yet (rings differ for a moment while members join)
        // is lost; the sender tries again after this long rather than the default 10 s.
        "dynamo.kv.handoff.ack-timeout = 3s",
        "akka.remote.retry-gate-closed-for = 200ms",
        "akka.cluster.retry-unsuccessful-join-after = 1s",
        "akka.cluster.seed-node-timeout = 1s",
        "akka.cluster.gossip-interval = 200ms",
        "akka.cluster.leader-actions-interval = 200ms",
        "akka.cluster.unreachable-nodes-reaper-interval = 200ms",
        "akka.cluster.periodic-tasks-initial-delay = 100ms",
        "akka.cluster.failure-detector.heartbeat-interval = 200ms",
        "akka.cluster.failure-detector.acceptable-heartbeat-pause = 1s",
        "akka.cluster.failure-detector.expected-response-after = 500ms",
    ];

    /// <summary>How this process was started; starting again with the same options restarts the same node.</summary>
    public ServerProcessOptions Options { get; }

    /// <summary>The port of the node's actor transport.</summary>
    public int RemotePort => Options.RemotePort;

    /// <summary>The port of the node's HTTP API.</summary>
    public int HttpPort => Options.HttpPort;

    /// <summary>The member address, e.g. <c>akka.tcp://dynamo@127.0.0.1:4053</c>, as operator endpoints take it.</summary>
    public string Address => $"{Options.Protocol}://{SystemName}@127.0.0.1:{RemotePort}";

    /// <summary>The node id (<c>127.0.0.1:RemotePort</c>), as the ring names owners.</summary>
    public string NodeId => $"127.0.0.1:{RemotePort}";

    /// <summary>An HTTP client whose base address is the node's API.</summary>
    public HttpClient Http { get; }

    /// <summary>True once the process ended, however.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process ended (0 after a graceful stop); null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The OS process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The path of <c>Dynamo.Server.dll</c> beside the running tests.</summary>
    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "Dynamo.Server.dll");

    /// <summary>Starts a node on free ports and a new temporary data folder that joins through <paramref name="seedPort"/> (its own port for the first).</summary>
    public static ServerProcess Start(int remotePort, int seedPort)
    {
        var data = Directory.CreateTempSubdirectory("dynamo-server-").FullName;
        return Start(new ServerProcessOptions(remotePort, FreePorts.One(), [seedPort], data, []), ownsDataDirectory: true);
    }

    /// <summary>Starts a node as <paramref name="options"/> say; <paramref name="ownsDataDirectory"/>: delete the data folder on dispose.</summary>
    /// <exception cref="FileNotFoundException">Dynamo.Server.dll is not beside the tests (the test project must reference src/Dynamo.Server).</exception>
    public static ServerProcess Start(ServerProcessOptions options, bool ownsDataDirectory = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(ServerDll))
            throw new FileNotFoundException($"{ServerDll} is missing: reference src/Dynamo.Server/Dynamo.Server.csproj from the test project so the node is built beside the tests.", ServerDll);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ServerDll);
        info.ArgumentList.Add("--host");
        info.ArgumentList.Add("127.0.0.1");
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(options.RemotePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--http-port");
        info.ArgumentList.Add(options.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var seed in options.SeedPorts)
        {
            info.ArgumentList.Add("--seed");
            info.ArgumentList.Add($"{options.Protocol}://{SystemName}@127.0.0.1:{seed}");
        }
        info.ArgumentList.Add("--data-dir");
        info.ArgumentList.Add(options.DataDirectory);
        foreach (var line in FastTimings.Concat(options.Settings))
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(line);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started.");
        return new ServerProcess(process, options, ownsDataDirectory);
    }

    /// <summary>The last 40 lines the process wrote, for failure messages.</summary>
    public string Output() => Output(40);

    /// <summary>The last <paramref name="lines"/> lines the process wrote (stdout and stderr interleaved).</summary>
    public string Output(int lines)
    {
        lock (_lines) return string.Join(Environment.NewLine, _lines.TakeLast(lines));
    }

    /// <summary>
    /// The first <paramref name="lines"/> error lines the process wrote (the actor system's <c>[ERROR]</c>, the host's
    /// <c>fail:</c> and <c>crit:</c>): what went wrong early is often far behind the last lines by the time a test fails.
    /// </summary>
    public string Errors(int lines)
    {
        lock (_lines)
            return string.Join(Environment.NewLine, _lines.Where(IsError).Take(lines));
    }

    private static bool IsError(string line) =>
        line.StartsWith("[ERROR]", StringComparison.Ordinal) || line.Contains(" fail: ", StringComparison.Ordinal)
        || line.Contains(" crit: ", StringComparison.Ordinal);

    /// <summary>SIGKILL of the process and anything it started: no goodbye, no leave.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
    }

    /// <summary>
    /// SIGTERM: the node stops serving, lets requests in flight finish and closes its storage. Waits up to
    /// <paramref name="timeout"/> for the exit; returns false (the process still running) when it did not.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        if (_process.HasExited) return true;
        if (PosixSignals.Kill(_process.Id, PosixSignals.SigTerm) != 0 && !_process.HasExited)
            throw new InvalidOperationException($"SIGTERM to process {_process.Id} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Kills the process; deletes the data folder when this process created it.</summary>
    public void Dispose()
    {
        Kill();
        _process.Dispose();
        Http.Dispose();
        if (_ownsDataDirectory) DeleteDirectory(Options.DataDirectory);
    }

    /// <summary>Deletes a folder and its contents; a folder left behind in the temp directory is harmless.</summary>
    internal static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Collect(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines) _lines.Dequeue();
        }
    }
}
