using System.Diagnostics;
using System.Globalization;

namespace Dynamo.Cli.Dev;

/// <summary>
/// One node process of a dev cluster. Its output goes straight to <c>node.log</c> in its folder (through the
/// shell's redirection, so the log does not depend on this tool staying alive). Its standard input is a pipe
/// this tool holds and never writes: the node runs with <c>--stop-on-stdin-close</c>, so when this tool
/// ends, however it ends, the pipe closes and the node stops gracefully.
/// </summary>
public sealed class DevNode : IDisposable
{
    private readonly Process _process;

    private DevNode(int index, DevClusterOptions options, Process process, string logPath)
    {
        Index = index;
        HttpUrl = options.HttpUrl(index);
        RemoteAddress = options.RemoteAddress(index);
        Directory = options.NodeDirectory(index);
        LogPath = logPath;
        _process = process;
    }

    /// <summary>The node's index, 0-based.</summary>
    public int Index { get; }

    /// <summary>Its HTTP API.</summary>
    public string HttpUrl { get; }

    /// <summary>Its remoting address.</summary>
    public string RemoteAddress { get; }

    /// <summary>Its data folder.</summary>
    public string Directory { get; }

    /// <summary>Its log file.</summary>
    public string LogPath { get; }

    /// <summary>The node's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts node <paramref name="index"/> of <paramref name="options"/>; node 0 is every node's seed.</summary>
    public static DevNode Start(DevClusterOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.NodeDirectory(index);
        System.IO.Directory.CreateDirectory(directory);
        var log = Path.Combine(directory, "node.log");
        // `exec` replaces the shell, so the process this tool signals is the node itself.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var arg in (string[])["-c", "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1", "sh", log, options.NodeProgram.FileName])
            info.ArgumentList.Add(arg);
        foreach (var arg in options.NodeProgram.LeadingArguments) info.ArgumentList.Add(arg);
        string[] nodeArgs =
        [
            "--host", options.Host,
            "--http-port", (options.HttpBasePort + index).ToString(CultureInfo.InvariantCulture),
            "--port", (options.PortBase + index).ToString(CultureInfo.InvariantCulture),
            "--seed", options.RemoteAddress(0),
            "--data-dir", directory,
            "--stop-on-stdin-close",
        ];
        foreach (var arg in nodeArgs) info.ArgumentList.Add(arg);
        foreach (var line in options.Settings)
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(line);
        }
        File.AppendAllText(log, $"--- dynamo dev up: starting node {index} at {DateTimeOffset.UtcNow:O}{Environment.NewLine}");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"node {index} could not be started");
        return new DevNode(index, options, process, log);
    }

    /// <summary>The last <paramref name="count"/> lines of the node's log.</summary>
    public IReadOnlyList<string> LogTail(int count)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = new Queue<string>();
            while (reader.ReadLine() is { } line)
            {
                lines.Enqueue(line);
                if (lines.Count > count) lines.Dequeue();
            }
            return [.. lines];
        }
        catch (IOException e)
        {
            return [$"(the log {LogPath} cannot be read: {e.Message})"];
        }
    }

    /// <summary>Asks the node to stop with SIGTERM, and kills it when it has not within <paramref name="timeout"/>.</summary>
    /// <returns>True when it stopped by itself, false when it had to be killed.</returns>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        PosixSignals.Send(_process.Id, PosixSignals.SigTerm);
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Kills the node if it still runs, and releases the process handle.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill: nothing left to stop.
        }
        _process.Dispose();
    }
}
