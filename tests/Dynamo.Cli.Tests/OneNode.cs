using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.Server.Cluster;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Dynamo.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Dynamo.Cli.Tests;

/// <summary>
/// One key-value node in this process: a cluster member that joined itself (n = r = w = 1, in-memory storage)
/// with its HTTP API on 127.0.0.1 and a free port, for the commands to talk to.
/// </summary>
public sealed class OneNode : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private KvNode? _kv;
    private WebApplication? _app;

    /// <summary>The node's HTTP API.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The node's member address (<c>akka.tcp://dynamo@127.0.0.1:port</c>).</summary>
    public string Address => _kv!.Cluster.SelfAddress.ToString();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var httpPort = FreePorts.One();
        _kv = await KvNode.StartAsync(ClusterNodeConfig.WithHttpEndpoint(ConfigurationFactory.ParseString($$"""
            akka.loglevel = ERROR
            akka.stdout-loglevel = ERROR
            akka.coordinated-shutdown.exit-clr = off
            dynamo.persistence.plugin = memory
            dynamo.kv {
              ring-partitions = 16
              request-timeout = 1s
              bucket-defaults { n = 1, r = 1, w = 1 }
            }
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            dynamo.http { hostname = "127.0.0.1", port = {{httpPort}} }
            akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms }
            """).WithFallback(DynamoConfig.Reference()))).WaitAsync(StartTimeout);
        var node = new ClusterDynamoNode(_kv, DateTimeOffset.UtcNow);
        await node.JoinAsync(Address, CancellationToken.None).WaitAsync(StartTimeout);
        var deadline = DateTime.UtcNow + StartTimeout;
        while ((await node.GetRingAsync(CancellationToken.None)).PartitionCount == 0 || (await node.GetClusterViewAsync(CancellationToken.None)).Members.Any(m => m.Status != "Up"))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The node did not become Up with a ring after joining itself.");
            await Task.Delay(50);
        }
        _app = DynamoHttpServer.Create(node, new HttpSettings { Hostname = "127.0.0.1", Port = httpPort }, logging => logging.ClearProviders());
        await _app.StartAsync(new CancellationTokenSource(StartTimeout).Token);
        Url = _app.Urls.First();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            await _app.DisposeAsync();
        }
        if (_kv is not null) await _kv.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
    }
}
