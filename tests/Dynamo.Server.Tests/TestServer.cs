using System.Text;
using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Kv;
using Dynamo.Kv.Buckets;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.Routing;
using Dynamo.Protocol;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Dynamo.Server.InProcess;
using Dynamo.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Dynamo.Server.Tests;

/// <summary>
/// In-process nodes "a", "b", ... (each its own actor system, reaching each other through a
/// <see cref="LocalNodeDirectory"/>) with the HTTP API of node "a" on Kestrel at 127.0.0.1 and a
/// free port.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const long MaxValueSize = 64 * 1024;

    private readonly List<ActorSystem> _systems = [];
    private WebApplication? _app;

    private TestServer(Ring ring) => Ring = ring;

    public Ring Ring { get; }

    public LocalNodeDirectory Directory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public WebApplication App => _app!;

    /// <summary>
    /// Bucket defaults n = r = w = 1 unless given, so a single node meets every quorum. Each node persists to the
    /// test's in-memory journal unless <paramref name="journal"/> gives its persistence configuration, whose
    /// <c>dynamo.persistence.plugin</c> the node's stats then name.
    /// </summary>
    public static async Task<TestServer> StartAsync(
        int nodeCount = 1, BucketProperties? defaults = null, Func<string, Akka.Configuration.Config>? journal = null)
    {
        var settings = new KvSettings
        {
            RingPartitions = 16,
            RequestTimeout = TimeSpan.FromSeconds(1),
            MaxValueSize = MaxValueSize,
            BucketDefaults = defaults ?? new BucketProperties(1, 1, 1, ConflictMode.Siblings),
        };
        var nodes = Enumerable.Range(0, nodeCount).Select(i => ((char)('a' + i)).ToString()).ToList();
        var server = new TestServer(new Claimant(settings.RingPartitions).Claim(null, nodes));
        try
        {
            foreach (var node in nodes)
            {
                var config = TestConfig.Akka.WithFallback(KvSerialization.Config);
                var system = ActorSystem.Create("node-" + node, journal is null ? config : journal(node).WithFallback(config));
                server._systems.Add(system);
                server.Directory.Register(node, system);
                var router = system.ActorOf(KvRouter.Props(node, server.Directory, settings), KvPaths.RouterName);
                await router.Ask<RingInstalled>(new RingChanged(server.Ring), TimeSpan.FromSeconds(20));
            }

            var http = new HttpSettings { Hostname = "127.0.0.1", Port = 0, MaxValueSize = MaxValueSize, MaxJsonBodySize = 4096, ReplyTimeout = TimeSpan.FromSeconds(10) };
            var dynamoNode = new InProcessDynamoNode(
                "a", server.Directory.RouterOf("a")!, server.Ring, journal is null ? "memory" : JournalConfig.PluginOf(journal("a")),
                node => node == "a" ? server._app?.Urls.FirstOrDefault() : null, DateTimeOffset.UtcNow)
            {
                Metrics = Kv.Diagnostics.KvMetrics.For(server._systems[0], "a"),
            };
            await server.ServeAsync(DynamoHttpServer.Create(dynamoNode, http, Quiet));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serves any node (a fake one, say) the same way.</summary>
    public static async Task<TestServer> ServeAsync(Dynamo.Server.Node.IDynamoNode node, HttpSettings? settings = null)
    {
        var server = new TestServer(new Claimant(1).Claim(null, [node.NodeId]));
        var http = (settings ?? new HttpSettings()) with { Hostname = "127.0.0.1", Port = 0 };
        await server.ServeAsync(DynamoHttpServer.Create(node, http, Quiet));
        return server;
    }

    /// <summary>A key of <paramref name="bucket"/> whose preference list starts with <paramref name="node"/>, so node "a" coordinates it.</summary>
    public string KeyFirstOn(string node, string bucket) =>
        Enumerable.Range(0, 1000).Select(i => "key-" + i)
            .First(k => Ring.OwnerOf(Ring.PartitionOf(Encoding.UTF8.GetBytes(bucket), Encoding.UTF8.GetBytes(k))) == node);

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            await _app.DisposeAsync();
        }
        foreach (var system in _systems)
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static void Quiet(ILoggingBuilder logging) => logging.ClearProviders();

    private async Task ServeAsync(WebApplication app)
    {
        _app = app;
        await app.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(20) };
    }
}
