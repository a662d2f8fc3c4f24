using Dynamo.Actors.Configuration;
using Dynamo.Actors.TestKit;
using Dynamo.Kv.Hosting;
using Dynamo.Server.Cluster;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
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

    /// <summary>The node's actor-system address.</summary>
    public string Address => _kv!.System.Address.ToString();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var httpPort = FreePorts.One();
        _kv = await KvNode.StartAsync(ClusterNodeConfig.WithHttpEndpoint(ConfigurationFactory.ParseString($$"""
            dynamo.actor.stdout-loglevel = ERROR
            dynamo.persistence.plugin = memory
            dynamo.kv {
              ring-partitions = 16
              request-timeout = 1s
              bucket-defaults { n = 1, r = 1, w = 1 }
            }
            dynamo.remote { hostname = "127.0.0.1", port = 0, handshake-timeout = 2s }
            dynamo.http { hostname = "127.0.0.1", port = {{httpPort}} }
            dynamo.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms }
            """).WithFallback(ConfigurationFactory.Load()))).WaitAsync(StartTimeout);
        var node = new ClusterDynamoNode(_kv, DateTimeOffset.UtcNow);
        await node.JoinAsync(Address, CancellationToken.None).WaitAsync(StartTimeout);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (node.GetRing().PartitionCount == 0 || node.GetClusterView().Members.Any(m => m.Status != "Up"))
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
