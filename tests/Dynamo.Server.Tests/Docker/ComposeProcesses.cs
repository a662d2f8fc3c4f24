using System.Diagnostics;
using System.Globalization;
using Dynamo.TestSupport;

namespace Dynamo.Server.Tests.Docker;

/// <summary>
/// Services of docker/docker-compose.yml run as plain processes on this machine: docker/entrypoint.sh with each
/// service's environment and command, and its health check's command. Only what a container gives that a process
/// lacks is substituted: host names become 127.0.0.1 with a free port per service (every container listens on the
/// same ports), the HTTP API listens on loopback instead of every interface, container paths become temporary
/// folders (a named volume shared by services stays one folder), and the image's /app is the folder of the node
/// binary beside the tests. Disposing kills every process and deletes the folders.
/// </summary>
internal sealed class ComposeProcesses : IDisposable
{
    /// <summary>Where the Dockerfile publishes the node binary in the image.</summary>
    public const string AppFolder = "/app";

    private const int KeptLines = 400;

    // The remoting port every container listens on (docker/node.conf); each process gets its own instead.
    private const int ContainerRemotePort = 4053;

    private readonly string _root = Directory.CreateTempSubdirectory("dynamo-compose-").FullName;
    private readonly string _appFolder;
    private readonly IReadOnlyList<ComposeService> _services;
    private readonly Dictionary<string, (int Remote, int Http)> _ports;
    private readonly List<Process> _processes = [];
    private readonly Dictionary<string, Queue<string>> _output = [];

    /// <param name="services">Every service of the compose file (seeds may name any of them).</param>
    /// <param name="appFolder">The folder that stands for the image's /app, where the node binary is.</param>
    public ComposeProcesses(IReadOnlyList<ComposeService> services, string appFolder)
    {
        _services = services;
        _appFolder = appFolder.TrimEnd(Path.DirectorySeparatorChar);
        _ports = services.ToDictionary(s => s.Name, _ => (FreePorts.One(), FreePorts.One()));
    }

    /// <summary>The HTTP API of <paramref name="service"/>'s process.</summary>
    public Uri HttpEndpoint(ComposeService service) => new($"http://127.0.0.1:{_ports[service.Name].Http}");

    /// <summary>Runs the entrypoint script as <paramref name="service"/>'s container would (the process stays running).</summary>
    public void StartNode(ComposeService service, string entrypointScript)
    {
        ArgumentNullException.ThrowIfNull(service);
        string script = Path.Combine(_root, $"{service.Name}-entrypoint.sh");
        File.WriteAllText(script, Rewrite(service, entrypointScript));
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var argument in service.Command) info.ArgumentList.Add(Rewrite(service, argument));
        // Nothing of this machine's own configuration may leak in: only the service's variables configure the node.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("DYNAMO_", StringComparison.Ordinal) || k.StartsWith("AKKA_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        foreach (var (name, value) in service.Environment) info.Environment[name] = Rewrite(service, value);
        var (remote, http) = _ports[service.Name];
        info.Environment["AKKA_REMOTE__DOT_NETTY__TCP__PORT"] = remote.ToString(CultureInfo.InvariantCulture);
        info.Environment["DYNAMO_HTTP__PORT"] = http.ToString(CultureInfo.InvariantCulture);
        info.Environment["DYNAMO_HTTP__HOSTNAME"] = "127.0.0.1";
        Start(service.Name, info);
    }

    /// <summary>Runs <paramref name="service"/>'s health check command once; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> CheckHealthAsync(ComposeService service, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(service);
        Assert.Equal("CMD", service.HealthCheck[0]);
        var info = new ProcessStartInfo(service.HealthCheck[1]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in service.HealthCheck.Skip(2)) info.ArgumentList.Add(Rewrite(service, argument));
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} could not be started");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return (process.ExitCode, (await output) + (await error));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The last lines the node process of <paramref name="service"/> wrote, for failure messages.</summary>
    public string Output(ComposeService service)
    {
        lock (_output) return _output.TryGetValue(service.Name, out var lines) ? string.Join(Environment.NewLine, lines.TakeLast(40)) : "(not started)";
    }

    /// <summary>The host folder standing for <paramref name="service"/>'s container path <paramref name="target"/>.</summary>
    public string HostPathOf(ComposeService service, string target) => Rewrite(service, target);

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Start(string name, ProcessStartInfo info)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} could not be started");
        _processes.Add(process);
        lock (_output) _output[name] = new Queue<string>();
        void Collect(string? line)
        {
            if (line is null) return;
            lock (_output)
            {
                var lines = _output[name];
                lines.Enqueue(line);
                if (lines.Count > KeptLines) lines.Dequeue();
            }
        }
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    // A text the container would see, as this machine must read it.
    private string Rewrite(ComposeService service, string text)
    {
        var (_, http) = _ports[service.Name];
        foreach (var other in _services)
        {
            // Seeds: host:port of a service's remoting; then the host name alone (this node's advertised hostname).
            text = text.Replace($"@{other.Hostname}:{ContainerRemotePort}", $"@127.0.0.1:{_ports[other.Name].Remote}", StringComparison.Ordinal);
            if (text == other.Hostname) text = "127.0.0.1";
        }
        foreach (var (_, container) in service.Ports)
            text = text.Replace($"127.0.0.1:{container}/", $"127.0.0.1:{http}/", StringComparison.Ordinal);
        text = ReplacePath(text, AppFolder, _appFolder);
        foreach (var (source, target) in service.Volumes)
            text = ReplacePath(text, target, HostSource(service, source, target));
        return text;
    }


    private string HostSource(ComposeService service, string source, string target)
    {
        if (!source.StartsWith('.'))
        {
            // A named volume: one folder, whichever services mount it.
            return Directory.CreateDirectory(Path.Combine(_root, "volumes", source)).FullName;
        }
        // A bind-mounted file: a copy in which the container paths it names are this machine's too.
        string file = Path.GetFullPath(Path.Combine(RepositoryFiles.PathOf("docker"), source));
        string copy = Path.Combine(_root, $"{service.Name}-{Path.GetFileName(target)}");
        if (!File.Exists(copy))
        {
            string text = File.ReadAllText(file);
            foreach (var (otherSource, otherTarget) in service.Volumes.Where(v => !v.Source.StartsWith('.')))
                text = ReplacePath(text, otherTarget, HostSource(service, otherSource, otherTarget));
            File.WriteAllText(copy, text);
        }
        return copy;
    }

    // Replaces the container path where it stands whole: followed by a separator, a quote or the end of the text.
    private static string ReplacePath(string text, string containerPath, string hostPath)
    {
        var result = new System.Text.StringBuilder();
        int at = 0;
        while (true)
        {
            int found = text.IndexOf(containerPath, at, StringComparison.Ordinal);
            if (found < 0) break;
            int end = found + containerPath.Length;
            bool startsWhole = found == 0 || text[found - 1] is ' ' or '"' or '\'' or '=';
            bool endsWhole = end == text.Length || text[end] is '/' or '"' or '\'' or ' ' or '\n' or '\r';
            result.Append(text, at, found - at).Append(startsWhole && endsWhole ? hostPath : containerPath);
            at = end;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }
}
