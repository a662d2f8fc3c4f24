using System.Net;
using System.Net.Sockets;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Dev;

/// <summary>
/// <c>dynamo dev up</c>'s work: starts the node processes, waits until every node sees every node Up, prints the
/// endpoints, then holds the cluster until cancelled (Ctrl+C, SIGTERM) and stops every node gracefully.
/// </summary>
public sealed class DevCluster(CliContext context, DevClusterOptions options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);
    private const int LogLinesOnFailure = 20;

    /// <summary>Runs the cluster until <paramref name="stop"/> fires; returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        if (BusyPort() is { } busy)
            return CommandRunner.Usage(context, $"port {busy} on {options.Host} is already in use; choose other ports with --http-base-port and --port-base");
        Directory.CreateDirectory(options.DataDirectory);
        await context.Out.WriteLineAsync($"data: {options.DataDirectory}");
        await context.Out.WriteLineAsync($"starting {options.Nodes} nodes with {string.Join(' ', [options.NodeProgram.FileName, .. options.NodeProgram.LeadingArguments])}");
        var nodes = new List<DevNode>();
        try
        {
            for (var i = 0; i < options.Nodes; i++) nodes.Add(DevNode.Start(options, i));
            var failure = await WaitUntilUpAsync(nodes, stop);
            if (failure is not null)
            {
                if (stop.IsCancellationRequested)
                {
                    await StopAllAsync(nodes);
                    return ExitCodes.Success;
                }
                await context.Error.WriteLineAsync($"dynamo: {failure.Value.Problem}");
                await context.Error.WriteLineAsync($"last lines of {failure.Value.Node.LogPath}:");
                foreach (var line in failure.Value.Node.LogTail(LogLinesOnFailure)) await context.Error.WriteLineAsync("  " + line);
                await StopAllAsync(nodes);
                return ExitCodes.Failure;
            }
            PrintEndpoints(nodes);
            var reporting = ReportExitsAsync(nodes, stop);
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
                // The operator asked to stop: the normal way out.
            }
            await reporting;
            await StopAllAsync(nodes);
            return ExitCodes.Success;
        }
        finally
        {
            foreach (var node in nodes) node.Dispose();
        }
    }

    private int? BusyPort()
    {
        var address = IPAddress.TryParse(options.Host, out var ip) ? ip : IPAddress.Loopback;
        for (var i = 0; i < options.Nodes; i++)
        {
            foreach (var port in (int[])[options.HttpBasePort + i, options.PortBase + i])
            {
                try
                {
                    var listener = new TcpListener(address, port);
                    listener.Start();
                    listener.Stop();
                }
                catch (SocketException)
                {
                    return port;
                }
            }
        }
        return null;
    }

    /// <summary>Polls every node's <c>/cluster</c> until each lists all nodes Up and reachable; null when they do, else the node that is not.</summary>
    private async Task<(DevNode Node, string Problem)?> WaitUntilUpAsync(IReadOnlyList<DevNode> nodes, CancellationToken stop)
    {
        var deadline = DateTime.UtcNow + options.StartupTimeout;
        var lastSeen = nodes.ToDictionary(n => n.Index, _ => "no answer yet");
        using var http = context.CreateHttpClient();
        http.Timeout = TimeSpan.FromSeconds(2);
        while (true)
        {
            DevNode? notUp = null;
            foreach (var node in nodes)
            {
                if (node.HasExited)
                    return (node, $"node {node.Index} ({node.HttpUrl}) exited with code {node.ExitCode} before the cluster was up");
                var (up, seen) = await IsUpAsync(http, node, nodes.Count, stop);
                lastSeen[node.Index] = seen;
                if (!up) notUp ??= node;
            }
            if (notUp is null) return null;
            if (stop.IsCancellationRequested) return (notUp, "cancelled");
            if (DateTime.UtcNow > deadline)
                return (notUp, $"node {notUp.Index} ({notUp.HttpUrl}) did not see the whole cluster Up within {options.StartupTimeout.TotalSeconds:0} s; it last saw: {lastSeen[notUp.Index]}");
            try
            {
                await Task.Delay(PollInterval, stop);
            }
            catch (OperationCanceledException)
            {
                return (notUp, "cancelled");
            }
        }
    }

    private static async Task<(bool Up, string Seen)> IsUpAsync(HttpClient http, DevNode node, int expected, CancellationToken stop)
    {
        try
        {
            var admin = new DynamoAdminClient(http, new Uri(node.HttpUrl));
            var view = await admin.GetClusterAsync(stop);
            var up = view.Members.Count(m => m.Status == "Up" && m.Reachable);
            var seen = view.Members.Count == 0 ? "no members"
                : string.Join(", ", view.Members.Select(m => $"{m.Address} {m.Status}{(m.Reachable ? "" : " unreachable")}"));
            if (up != expected || view.Members.Count != expected) return (false, seen);
            // Up is not ready: a node serves once its ring of every member is installed (its vnodes recovered), and
            // the first member has handed the others their partitions (requests during a handoff wait on it).
            var ring = await admin.GetRingAsync(stop);
            var owners = ring.Partitions.Select(p => p.Owner).Distinct().Count();
            var sending = view.Transfers.Count(t => t.InProgress);
            return (owners == Math.Min(expected, ring.PartitionCount) && sending == 0,
                $"{seen}; ring of {owners} owners installed; {sending} partitions still being handed off");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or DynamoRequestException)
        {
            return (false, $"no answer ({e.Message})");
        }
    }

    private void PrintEndpoints(IReadOnlyList<DevNode> nodes)
    {
        var table = new Table().AddColumns("Node", "HTTP", "Remoting", "Data", "PID");
        foreach (var node in nodes)
            table.AddRow(node.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), node.HttpUrl, Markup.Escape(node.RemoteAddress),
                Markup.Escape(node.Directory), node.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Console.Write(table);
        context.Out.WriteLine($"endpoints: {string.Join(' ', nodes.Select(n => n.HttpUrl))}");
        context.Out.WriteLine($"cluster of {nodes.Count} nodes is up; logs in each data folder's node.log; press Ctrl+C to stop");
        context.Out.Flush();
    }

    // A node that dies while the cluster runs is worth a line: the operator may be testing exactly that.
    private async Task ReportExitsAsync(IReadOnlyList<DevNode> nodes, CancellationToken stop)
    {
        var reported = new HashSet<int>();
        while (!stop.IsCancellationRequested)
        {
            foreach (var node in nodes.Where(n => n.HasExited && reported.Add(n.Index)))
                await context.Error.WriteLineAsync($"dynamo: node {node.Index} ({node.HttpUrl}) exited with code {node.ExitCode}; see {node.LogPath}");
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task StopAllAsync(IReadOnlyList<DevNode> nodes)
    {
        await context.Out.WriteLineAsync($"stopping {nodes.Count} nodes (SIGTERM; SIGKILL after {options.StopTimeout.TotalSeconds:0} s)");
        var stopped = await Task.WhenAll(nodes.Select(n => n.StopAsync(options.StopTimeout)));
        var killed = nodes.Where((_, i) => !stopped[i]).Select(n => n.Index).ToList();
        await context.Out.WriteLineAsync(killed.Count == 0 ? "all nodes stopped" : $"all nodes stopped; killed: {string.Join(", ", killed)}");
    }
}
