using System.Diagnostics;

namespace Dynamo.Cluster.Tests;

/// <summary>A cluster node running as a separate OS process (Dynamo.Cluster.TestNode), with its output lines collected.</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = new();

    private NodeProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_lines) _lines.Add(e.Data);
        };
        process.BeginOutputReadLine();
    }

    public static NodeProcess Start(int port, params int[] seedPorts)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Dynamo.Cluster.TestNode.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(port.ToString());
        foreach (var seed in seedPorts) info.ArgumentList.Add(seed.ToString());
        return new NodeProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started."));
    }

    public bool HasExited => _process.HasExited;

    public bool Printed(string line)
    {
        lock (_lines) return _lines.Contains(line);
    }

    public string Output()
    {
        lock (_lines) return string.Join(Environment.NewLine, _lines);
    }

    /// <summary>SIGKILL: the node gets no chance to say goodbye.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
