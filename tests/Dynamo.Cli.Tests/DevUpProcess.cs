using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Dynamo.TestSupport;

namespace Dynamo.Cli.Tests;

/// <summary>
/// <c>dynamo dev up</c> run as a real process (<c>dotnet dynamo.dll</c>) with its nodes' data in a temporary
/// folder and short cluster timings; its output is collected for assertions and failure messages.
/// Disposing kills whatever is left and deletes the data.
/// </summary>
public sealed partial class DevUpProcess : IDisposable
{
    private const int SigInt = 2;

    // Seconds instead of the defaults, so forming the cluster fits a short test; the nodes stop by
    // SIGTERM here, so synchronous = normal loses nothing.
    private static readonly string[] FastTimings =
    [
        "dynamo.kv.ring-partitions = 16",
        "dynamo.kv.request-timeout = 3s",
        "dynamo.persistence.sqlite.synchronous = normal",
        "akka.remote.retry-gate-closed-for = 200ms",
        "akka.cluster.retry-unsuccessful-join-after = 1s",
        "akka.cluster.seed-node-timeout = 1s",
        "akka.cluster.gossip-interval = 200ms",
        "akka.cluster.leader-actions-interval = 200ms",
        "akka.cluster.periodic-tasks-initial-delay = 100ms",
        "akka.cluster.failure-detector.heartbeat-interval = 200ms",
        "akka.cluster.failure-detector.acceptable-heartbeat-pause = 3s",
    ];

    private readonly Process _process;
    private readonly List<string> _lines = [];

    private DevUpProcess(Process process, string dataDirectory, int nodes, int httpBasePort, int portBase)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Nodes = nodes;
        HttpBasePort = httpBasePort;
        PortBase = portBase;
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data is null ? null : "stderr: " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where the nodes keep their data.</summary>
    public string DataDirectory { get; }

    /// <summary>How many nodes it starts.</summary>
    public int Nodes { get; }

    /// <summary>Node i's HTTP port is this plus i.</summary>
    public int HttpBasePort { get; }

    /// <summary>Node i's remoting port is this plus i.</summary>
    public int PortBase { get; }

    /// <summary>The process id of <c>dynamo dev up</c>.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Node <paramref name="i"/>'s HTTP API.</summary>
    public Uri HttpUrl(int i) => new($"http://127.0.0.1:{HttpBasePort + i}");

    /// <summary>Node <paramref name="i"/>'s remoting address.</summary>
    public string RemoteAddress(int i) => $"akka.tcp://dynamo@127.0.0.1:{PortBase + i}";

    /// <summary>Starts <c>dynamo dev up --nodes <paramref name="nodes"/></c> on free loopback ports.</summary>
    public static DevUpProcess Start(int nodes)
    {
        // Runs of ports are handed out once each, so the HTTP and remoting runs never overlap.
        var httpBase = FreePorts.Consecutive(nodes);
        var portBase = FreePorts.Consecutive(nodes);
        var data = Directory.CreateTempSubdirectory("dynamo-dev-up-").FullName;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "dynamo.dll"), "dev", "up",
            "--nodes", nodes.ToString(CultureInfo.InvariantCulture),
            "--http-base-port", httpBase.ToString(CultureInfo.InvariantCulture),
            "--port-base", portBase.ToString(CultureInfo.InvariantCulture),
            "--data-dir", data,
            "--startup-timeout", "60",
            "--stop-timeout", "10",
        ];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var line in FastTimings)
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(line);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started");
        return new DevUpProcess(process, data, nodes, httpBase, portBase);
    }

    /// <summary>Everything it printed so far (stderr lines prefixed), with the nodes' last log lines when asked.</summary>
    public string Output(bool withNodeLogs = false)
    {
        string text;
        lock (_lines) text = string.Join(Environment.NewLine, _lines);
        if (!withNodeLogs) return text;
        foreach (var log in Directory.EnumerateFiles(DataDirectory, "node.log", SearchOption.AllDirectories))
            text += $"{Environment.NewLine}--- {log}{Environment.NewLine}" + string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(15));
        return text;
    }

    /// <summary>Waits for a line containing <paramref name="text"/>; fails with the output so far when it does not come.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_lines)
            {
                if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line) return line;
            }
            if (_process.HasExited) break;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"dev up printed no line with \"{text}\" (exited: {_process.HasExited}):{Environment.NewLine}{Output(withNodeLogs: true)}");
    }

    /// <summary>The node process ids from the endpoints table (its last column).</summary>
    public IReadOnlyList<int> NodeProcessIds()
    {
        lock (_lines)
        {
            return [.. _lines.Select(l => TableRow().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
        }
    }

    [GeneratedRegex(@"^│ \d+\s+│ http://.*│ (\d+)\s+│$")]
    private static partial Regex TableRow();

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt()
    {
        if (Kill(_process.Id, SigInt) != 0) throw new InvalidOperationException($"kill -INT {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for it to exit; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        foreach (var pid in NodeProcessIds())
        {
            try
            {
                using var node = Process.GetProcessById(pid);
                node.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone, as it should be.
            }
            catch (InvalidOperationException)
            {
                // Exited while being looked at.
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
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

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
