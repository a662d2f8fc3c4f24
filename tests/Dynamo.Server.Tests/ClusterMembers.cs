using System.Globalization;
using Akka.Cluster;
using Akka.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.Server.Cluster;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Dynamo.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Dynamo.Server.Tests;

/// <summary>
/// Key-value nodes in this process, each a cluster member on loopback TCP (in-memory storage, 16 partitions, timings
/// of a few hundred milliseconds so that failure detection fits in a test), the first the seed of all; any of them can
/// serve its HTTP API. A killed member's actor system stops without leaving, as a crashed process's does.
/// </summary>
internal sealed class ClusterMembers : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly List<KvNode> _nodes = [];
    private readonly List<WebApplication> _apps = [];
    private readonly List<HttpClient> _clients = [];

    private ClusterMembers()
    {
    }

    /// <summary>The running members, the seed first.</summary>
    public IReadOnlyList<KvNode> Nodes => _nodes;

    /// <summary>
    /// Starts <paramref name="count"/> members and waits, within <see cref="TimeFactor.Dilated"/> 40 s, until every one
    /// sees all of them Up and has installed a ring of them all.
    /// </summary>
    public static async Task<ClusterMembers> StartAsync(int count)
    {
        var members = new ClusterMembers();
        try
        {
            var ports = Enumerable.Range(0, count).Select(_ => FreePorts.One()).ToList();
            foreach (var port in ports)
                members._nodes.Add(await KvNode.StartAsync(Config(port, ports[0])).WaitAsync(StartTimeout));
            await members.UntilAsync(async () =>
            {
                foreach (var node in members._nodes)
                {
                    var ring = await node.CurrentRingAsync(TimeSpan.FromSeconds(5));
                    if (node.Cluster.State.Members.Count(m => m.Status == MemberStatus.Up) != count
                        || !ring.Installed || ring.Ring is null || ring.Ring.Members.Length != count)
                        return false;
                }
                return true;
            }, $"{count} members Up with one ring", TimeFactor.Dilated(TimeSpan.FromSeconds(40)));
            return members;
        }
        catch
        {
            await members.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serves the HTTP API of <paramref name="node"/> on 127.0.0.1 and a free port; returns a client of it.</summary>
    public async Task<HttpClient> ServeAsync(KvNode node)
    {
        var app = DynamoHttpServer.Create(new ClusterDynamoNode(node, DateTimeOffset.UtcNow),
            new HttpSettings { Hostname = "127.0.0.1", Port = 0, ReplyTimeout = TimeSpan.FromSeconds(10) }, logging => logging.ClearProviders());
        _apps.Add(app);
        await app.StartAsync(new CancellationTokenSource(StartTimeout).Token);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(client);
        return client;
    }

    /// <summary>Stops <paramref name="node"/> without leaving the cluster: the others come to see it unreachable.</summary>
    public async Task KillAsync(KvNode node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds, or fails naming <paramref name="what"/> after <paramref name="within"/>.</summary>
    public async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {within.TotalSeconds:0} s: {what}. Members: "
                    + string.Join("; ", _nodes.Select(n => $"{n.NodeId} sees [{string.Join(", ", n.Cluster.State.Members)}], unreachable [{string.Join(", ", n.Cluster.State.Unreachable)}]")));
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var app in _apps)
        {
            await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            await app.DisposeAsync();
        }
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(20));
        _nodes.Clear();
    }

    private static Config Config(int port, int seedPort) => ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
        akka.loglevel = ERROR
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
        akka.cluster.seed-nodes = ["akka.tcp://dynamo@127.0.0.1:{{seedPort}}"]
        dynamo.persistence.plugin = memory
        dynamo.kv.ring-partitions = 16
        """)).WithFallback(ConfigurationFactory.ParseString(ShortTimings.Hocon)).WithFallback(TestConfig.ClusterMember);
}
