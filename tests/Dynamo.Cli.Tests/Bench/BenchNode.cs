using Dynamo.Actors.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.Server.Cluster;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Dynamo.Cli.Tests.Bench;

/// <summary>
/// One real key-value node in this process for end-to-end runs: a cluster member that joined itself (so it has
/// an actor-system address for the native transport), in-memory storage, n = r = w = 1, its HTTP API on
/// 127.0.0.1 and a free port.
/// </summary>
public sealed class BenchNode : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private KvNode? _kv;
    private WebApplication? _app;

    /// <summary>The node's HTTP base address.</summary>
    public Uri Url { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _kv = await KvNode.StartAsync(ConfigurationFactory.ParseString("""
            dynamo.actor.stdout-loglevel = ERROR
            dynamo.persistence.plugin = memory
            dynamo.kv {
              ring-partitions = 16
              request-timeout = 2s
              bucket-defaults { n = 1, r = 1, w = 1 }
            }
            dynamo.remote { hostname = "127.0.0.1", port = 0, handshake-timeout = 2s }
            dynamo.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms }
            """)).WaitAsync(StartTimeout);
        var node = new ClusterDynamoNode(_kv, DateTimeOffset.UtcNow);
        await node.JoinAsync(_kv.Cluster.SelfAddress.ToString(), CancellationToken.None).WaitAsync(StartTimeout);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (node.GetRing().PartitionCount == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The node did not install a ring after joining itself.");
            await Task.Delay(50);
        }
        _app = DynamoHttpServer.Create(node, new HttpSettings { Hostname = "127.0.0.1", Port = 0 }, logging => logging.ClearProviders());
        await _app.StartAsync(new CancellationTokenSource(StartTimeout).Token);
        Url = new Uri(_app.Urls.First() + "/");
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
