using System.Net;
using System.Text;
using System.Text.Json;
using Dynamo.TestSupport;
using Dynamo.Client;

namespace Dynamo.Testing;

/// <summary>
/// N <c>Dynamo.Server</c> processes on loopback, each with free ports and its own SQLite folder under one
/// temporary folder, every node listing the first nodes as seeds. It kills (SIGKILL), stops (SIGTERM),
/// restarts (same address, same data), wipes, adds, joins, leaves, downs and partitions nodes, and gives each
/// an <see cref="IDynamoClient"/>. Every wait is bounded and fails with a message quoting each node's last
/// log lines; disposing kills every process and deletes every folder.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly List<ProcessClusterNode> _nodes = [];
    private readonly string _root;
    private readonly IReadOnlyList<int> _seedPorts;
    private bool _disposed;

    private ProcessCluster(ProcessClusterOptions options, string root, IReadOnlyList<int> seedPorts)
    {
        Options = options;
        _root = root;
        _seedPorts = seedPorts;
    }

    /// <summary>How nodes are started and waited for.</summary>
    public ProcessClusterOptions Options { get; }

    /// <summary>The nodes, running or not, by index.</summary>
    public IReadOnlyList<ProcessClusterNode> Nodes => _nodes;

    /// <summary>How many node slots the cluster has (running or not).</summary>
    public int Count => _nodes.Count;

    /// <summary>The node at <paramref name="index"/>.</summary>
    public ProcessClusterNode this[int index] => _nodes[index];

    /// <summary>The indexes of the nodes running now.</summary>
    public IReadOnlyList<int> Running => _nodes.Where(n => n.IsRunning).Select(n => n.Index).ToList();

    /// <summary>The key-value client of node <paramref name="index"/>.</summary>
    public IDynamoClient Client(int index) => _nodes[index].Client;

    /// <summary>
    /// Starts <paramref name="nodeCount"/> nodes (every one of them a seed, the first starting the cluster) and
    /// waits until each sees all of them Up and reachable and all route by the same ring.
    /// </summary>
    /// <exception cref="TimeoutException">The cluster did not form within <see cref="ProcessClusterOptions.FormationTimeout"/>; names the nodes' last log lines.</exception>
    public static async Task<ProcessCluster> StartAsync(int nodeCount, ProcessClusterOptions? options = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        options ??= new ProcessClusterOptions();
        var root = Directory.CreateTempSubdirectory("dynamo-cluster-").FullName;
        var seeds = Enumerable.Range(0, nodeCount).Select(_ => FreePorts.One()).ToList();
        var cluster = new ProcessCluster(options, root, seeds);
        try
        {
            foreach (var remotePort in seeds)
            {
                cluster.AddSlot(remotePort).Start();
            }
            await cluster.AwaitConvergedAsync(ct).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGKILL of node <paramref name="index"/>: no goodbye, no leave; it stays a member, unreachable.</summary>
    public void Kill(int index) => _nodes[index].Kill();

    /// <summary>SIGTERM of node <paramref name="index"/>; waits for the process to exit (it stays a member, unreachable).</summary>
    /// <exception cref="TimeoutException">It did not exit within <see cref="ProcessClusterOptions.StopTimeout"/>.</exception>
    public async Task StopAsync(int index, CancellationToken ct = default)
    {
        var node = _nodes[index];
        if (node.Current is { } process && !await process.StopAsync(Options.StopTimeout, ct).ConfigureAwait(false))
            throw new TimeoutException($"node {index} ({node.NodeId}) did not exit within {Options.StopTimeout.TotalSeconds:0} s of SIGTERM; last log lines:\n{node.Output(Options.LogLinesInFailures)}");
    }

    /// <summary>
    /// Starts node <paramref name="index"/> again at the same address on the same data folder, and waits until
    /// the cluster converged with it Up again.
    /// </summary>
    public async Task RestartAsync(int index, CancellationToken ct = default)
    {
        var node = _nodes[index];
        if (node.IsRunning) throw new InvalidOperationException($"node {index} ({node.NodeId}) is running; kill or stop it before restarting it.");
        node.Start();
        await AwaitConvergedAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the data folder of node <paramref name="index"/>, which must be down: it restarts as an empty replica.</summary>
    public void Wipe(int index)
    {
        var node = _nodes[index];
        if (node.IsRunning) throw new InvalidOperationException($"node {index} ({node.NodeId}) is running; kill or stop it before wiping its data.");
        ServerProcess.DeleteDirectory(node.DataDirectory);
        if (Directory.Exists(node.DataDirectory))
            throw new IOException($"the data folder {node.DataDirectory} of node {index} could not be deleted.");
        Directory.CreateDirectory(node.DataDirectory);
    }

    /// <summary>Starts a new node on free ports that joins through the seeds; waits until the cluster converged with it. Returns its index.</summary>
    public async Task<int> AddNodeAsync(CancellationToken ct = default)
    {
        var node = AddSlot(FreePorts.One());
        node.Start();
        await AwaitConvergedAsync(ct).ConfigureAwait(false);
        return node.Index;
    }

    /// <summary>
    /// Starts <paramref name="count"/> new nodes at once, each joining through the seeds, and waits once until the
    /// cluster converged with all of them: the ring changes while they join together, not once per node. Returns their indexes.
    /// </summary>
    public async Task<IReadOnlyList<int>> AddNodesAsync(int count, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var added = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var node = AddSlot(FreePorts.One());
            node.Start();
            added.Add(node.Index);
        }
        await AwaitConvergedAsync(ct).ConfigureAwait(false);
        return added;
    }

    /// <summary>Asks node <paramref name="index"/> (<c>POST /cluster/join</c>) to join the cluster of node <paramref name="target"/>.</summary>
    public async Task JoinAsync(int index, int target, CancellationToken ct = default)
    {
        await OperatorAsync(index, "join", _nodes[target].Address, ct).ConfigureAwait(false);
        _nodes[index].IsMember = true;
    }

    /// <summary>Asks, through node <paramref name="via"/> (default: the first other running node), that node <paramref name="index"/> leave.</summary>
    public async Task LeaveAsync(int index, int? via = null, CancellationToken ct = default)
    {
        await OperatorAsync(via ?? OtherRunning(index), "leave", _nodes[index].Address, ct).ConfigureAwait(false);
        _nodes[index].IsMember = false;
    }

    /// <summary>Marks node <paramref name="index"/> down through node <paramref name="via"/> (default: the first other running node).</summary>
    public async Task DownAsync(int index, int? via = null, CancellationToken ct = default)
    {
        await OperatorAsync(via ?? OtherRunning(index), "down", _nodes[index].Address, ct).ConfigureAwait(false);
        _nodes[index].IsMember = false;
    }

    /// <summary>
    /// Cuts every link between a node of <paramref name="sideA"/> and one of <paramref name="sideB"/>, both ways,
    /// through <c>POST /debug/faults</c> on every node of both sides (each side drops the frames of the
    /// connections it opened). Needs <see cref="ProcessClusterOptions.FaultInjection"/>.
    /// </summary>
    public async Task PartitionAsync(int[] sideA, int[] sideB, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sideA);
        ArgumentNullException.ThrowIfNull(sideB);
        if (sideA.Intersect(sideB).Any()) throw new ArgumentException($"node {sideA.Intersect(sideB).First()} is on both sides of the partition.");
        foreach (var a in sideA) await FaultsAsync(a, new { blackhole = sideB.Select(b => _nodes[b].NodeId).ToArray() }, ct).ConfigureAwait(false);
        foreach (var b in sideB) await FaultsAsync(b, new { blackhole = sideA.Select(a => _nodes[a].NodeId).ToArray() }, ct).ConfigureAwait(false);
    }

    /// <summary>Heals every link of every running node.</summary>
    public async Task HealAsync(CancellationToken ct = default)
    {
        foreach (var i in Running) await FaultsAsync(i, new { heal = true }, ct).ConfigureAwait(false);
    }

    /// <summary>The members as node <paramref name="observer"/> sees them (<c>GET /cluster</c>).</summary>
    public async Task<IReadOnlyList<MemberSnapshot>> MembersAsync(int observer, CancellationToken ct = default)
    {
        using var json = await GetJsonAsync(observer, "cluster", ct).ConfigureAwait(false);
        return json.RootElement.GetProperty("members").EnumerateArray()
            .Select(m => new MemberSnapshot(m.GetProperty("address").GetString()!, m.GetProperty("status").GetString()!, m.GetProperty("reachable").GetBoolean()))
            .ToList();
    }

    /// <summary>The owner of each ring partition as node <paramref name="observer"/> routes by it (<c>GET /ring</c>); empty before it has a ring.</summary>
    public async Task<IReadOnlyList<string>> RingAsync(int observer, CancellationToken ct = default)
    {
        using var ring = await GetJsonAsync(observer, "ring", ct).ConfigureAwait(false);
        return ring.RootElement.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("owner").GetString() ?? "").ToList();
    }

    /// <summary>
    /// Waits until every running node sees exactly the member nodes, each Up, reachable exactly when it runs,
    /// and all running nodes route by the same ring owned by every member.
    /// </summary>
    public Task AwaitConvergedAsync(CancellationToken ct = default) =>
        AwaitAsync(ConvergedAsync, "every running node to see all members Up (reachable when running) and to agree on one ring of all members", Options.FormationTimeout, ct);

    /// <summary>Waits until every node of <paramref name="observers"/> sees every node of <paramref name="subjects"/> unreachable.</summary>
    public Task AwaitUnreachableAsync(int[] observers, int[] subjects, CancellationToken ct = default) =>
        AwaitAsync(async token =>
        {
            foreach (var observer in observers)
            {
                var members = await MembersAsync(observer, token).ConfigureAwait(false);
                foreach (var subject in subjects)
                {
                    if (members.FirstOrDefault(m => m.Address == _nodes[subject].Address) is not { Reachable: false })
                        return (false, $"node {observer} still sees node {subject} reachable (or not at all)");
                }
            }
            return (true, "");
        }, $"nodes [{string.Join(", ", observers)}] to see nodes [{string.Join(", ", subjects)}] unreachable", Options.FormationTimeout, ct);

    /// <summary>
    /// Polls <paramref name="condition"/> (true when met, with what it saw) until it holds or
    /// <paramref name="timeout"/> passes; then fails naming <paramref name="what"/>, the last observation,
    /// exited nodes and every node's last log lines.
    /// </summary>
    public async Task AwaitAsync(Func<CancellationToken, Task<(bool Met, string Observed)>> condition, string what, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        var last = "(nothing observed yet)";
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var (met, observed) = await condition(ct).ConfigureAwait(false);
                if (met) return;
                last = observed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                last = $"{e.GetType().Name}: {e.Message}";
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}; last seen: {last}\n{Describe()}");
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Every node's state, first error lines and last log lines, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var node in _nodes)
        {
            var state = node.IsRunning ? "running" : node.Incarnations == 0 ? "never started" : "not running";
            text.Append("--- node ").Append(node.Index).Append(" (").Append(node.NodeId).Append(", http ").Append(node.Options.HttpPort)
                .Append(", ").Append(state).Append(node.IsMember ? "" : ", not a member").AppendLine(")");
            if (node.Errors() is { Length: > 0 } errors) text.AppendLine("first errors:").AppendLine(errors);
            text.AppendLine("last log lines:").AppendLine(node.Output(Options.LogLinesInFailures));
        }
        return text.ToString();
    }

    /// <summary>Kills every process and deletes every data folder.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var node in _nodes) node.Dispose();
        ServerProcess.DeleteDirectory(_root);
    }

    /// <inheritdoc cref="Dispose" />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private ProcessClusterNode AddSlot(int remotePort)
    {
        var index = _nodes.Count;
        var data = Path.Combine(_root, $"node-{index}");
        Directory.CreateDirectory(data);
        var settings = Options.FaultInjection ? [ServerProcessOptions.FaultInjectionOn, .. Options.Settings] : Options.Settings;
        var options = new ServerProcessOptions(remotePort, FreePorts.One(), _seedPorts, data, settings);
        var node = new ProcessClusterNode(index, options, Options.RequestTimeout);
        _nodes.Add(node);
        return node;
    }

    private int OtherRunning(int index) =>
        Running.Where(i => i != index).Cast<int?>().FirstOrDefault()
        ?? throw new InvalidOperationException($"no running node other than {index} to send the operator call through.");

    private async Task<(bool, string)> ConvergedAsync(CancellationToken ct)
    {
        var members = _nodes.Where(n => n.IsMember).ToList();
        string? agreedRing = null;
        foreach (var observer in _nodes.Where(n => n.IsRunning))
        {
            if (!observer.IsMember) continue;
            var seen = await MembersAsync(observer.Index, ct).ConfigureAwait(false);
            foreach (var member in members)
            {
                var entries = seen.Where(m => m.Address == member.Address).ToList();
                if (entries.Count != 1 || entries[0].Status != "Up")
                    return (false, $"node {observer.Index} sees node {member.Index} as [{string.Join(", ", entries.Select(e => e.Status))}]");
                if (entries[0].Reachable != member.IsRunning)
                    return (false, $"node {observer.Index} sees node {member.Index} {(entries[0].Reachable ? "reachable" : "unreachable")} while it is {(member.IsRunning ? "running" : "down")}");
            }
            var strangers = seen.Where(m => members.All(n => n.Address != m.Address)).ToList();
            if (strangers.Count > 0)
                return (false, $"node {observer.Index} still lists {string.Join(", ", strangers.Select(s => $"{s.Address} ({s.Status})"))}");
            var owners = await RingAsync(observer.Index, ct).ConfigureAwait(false);
            var distinct = owners.Distinct().Count();
            var expected = Math.Min(members.Count, owners.Count);
            if (owners.Count == 0 || distinct != expected)
                return (false, $"node {observer.Index} routes by a ring of {distinct} owners, expected {expected}");
            var text = string.Join(",", owners);
            if (agreedRing is not null && agreedRing != text)
                return (false, $"node {observer.Index} routes by another ring than the nodes before it");
            agreedRing = text;
        }
        return (true, "");
    }

    private async Task<JsonDocument> GetJsonAsync(int index, string path, CancellationToken ct)
    {
        using var response = await _nodes[index].Http.GetAsync(path, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET /{path} on node {index} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    private async Task OperatorAsync(int index, string change, string address, CancellationToken ct)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { address }), Encoding.UTF8, "application/json");
        using var response = await _nodes[index].Http.PostAsync($"cluster/{change}", content, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"POST /cluster/{change} {{\"address\": \"{address}\"}} on node {index} answered {(int)response.StatusCode}: "
                + await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
    }

    private async Task FaultsAsync(int index, object body, CancellationToken ct)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await _nodes[index].Http.PostAsync("debug/faults", content, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"POST /debug/faults {JsonSerializer.Serialize(body)} on node {index} answered {(int)response.StatusCode}: "
                + await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)
                + (Options.FaultInjection ? "" : " (the cluster was started with FaultInjection = false)"));
    }
}
