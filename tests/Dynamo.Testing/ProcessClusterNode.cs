using Dynamo.Client;

namespace Dynamo.Testing;

/// <summary>
/// One node slot of a <see cref="ProcessCluster"/>: fixed ports, address and data folder that survive
/// restarts, the process currently running there (if any), and an HTTP client of its API.
/// </summary>
public sealed class ProcessClusterNode : IDisposable
{
    private readonly List<ServerProcess> _incarnations = [];

    internal ProcessClusterNode(int index, ServerProcessOptions options, TimeSpan requestTimeout)
    {
        Index = index;
        Options = options;
        Http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{options.HttpPort}/"),
            Timeout = requestTimeout,
        };
        Client = new DynamoHttpClient(Http, Http.BaseAddress);
    }

    /// <summary>The node's position in the cluster, as every <see cref="ProcessCluster"/> method names it.</summary>
    public int Index { get; }

    /// <summary>Ports, seeds, data folder and settings every start of this node uses.</summary>
    public ServerProcessOptions Options { get; }

    /// <summary>The node id (<c>127.0.0.1:port</c>), as the ring and <c>/debug/faults</c> name it.</summary>
    public string NodeId => $"127.0.0.1:{Options.RemotePort}";

    /// <summary>The member address, as the operator endpoints take it.</summary>
    public string Address => $"{Options.Protocol}://{ServerProcess.SystemName}@127.0.0.1:{Options.RemotePort}";

    /// <summary>The node's SQLite data folder.</summary>
    public string DataDirectory => Options.DataDirectory;

    /// <summary>An HTTP client whose base address is the node's API; valid across restarts.</summary>
    public HttpClient Http { get; }

    /// <summary>The key-value client of this node (HTTP).</summary>
    public IDynamoClient Client { get; }

    /// <summary>True while a process of this node runs.</summary>
    public bool IsRunning => Current is { HasExited: false };

    /// <summary>The exit code of the last process once it ended; null while it runs or before it started.</summary>
    public int? ExitCode => Current?.ExitCode;

    /// <summary>True while the node should be a member (false after it left or was downed).</summary>
    public bool IsMember { get; internal set; } = true;

    /// <summary>How many processes this node has run (1 after the first start).</summary>
    public int Incarnations => _incarnations.Count;

    internal ServerProcess? Current { get; private set; }

    /// <summary>The last <paramref name="lines"/> log lines of the current (or last) process.</summary>
    public string Output(int lines = 25) => _incarnations.Count == 0 ? "(never started)" : _incarnations[^1].Output(lines);

    /// <summary>The first <paramref name="lines"/> error lines of each of its processes, oldest first.</summary>
    public string Errors(int lines = 20) =>
        string.Join(Environment.NewLine, _incarnations.Select(p => p.Errors(lines)).Where(e => e.Length > 0));

    internal void Start()
    {
        if (IsRunning) throw new InvalidOperationException($"node {Index} ({NodeId}) is already running (process {Current!.ProcessId}).");
        Current = ServerProcess.Start(Options);
        _incarnations.Add(Current);
    }

    internal void Kill() => Current?.Kill();

    /// <summary>Kills every process of this node and closes the client; the data folder is the cluster's to delete.</summary>
    public void Dispose()
    {
        foreach (var process in _incarnations) process.Dispose();
        Http.Dispose();
    }
}
