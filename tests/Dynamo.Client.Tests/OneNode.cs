using Akka.Actor;
using Akka.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.Server.Cluster;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Microsoft.AspNetCore.Builder;
using Dynamo.TestSupport;
using Microsoft.Extensions.Logging;

namespace Dynamo.Client.Tests;

/// <summary>
/// One key-value node in this process: a <see cref="KvNode"/> that joined itself (n = r = w = 1, in-memory storage),
/// its HTTP API on 127.0.0.1 and a free port, and a client-only actor system, so both transports reach the same data.
/// </summary>
public sealed class OneNode : IAsyncLifetime
{
    /// <summary>The largest value the node accepts, small so that refusing a larger one is cheap.</summary>
    public const int MaxValueSize = 4096;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private KvNode? _kv;
    private WebApplication? _app;
    private ActorSystem? _clientSystem;
    private HttpClient? _http;

    /// <summary>The client over the node's HTTP API.</summary>
    public DynamoHttpClient Http { get; private set; } = null!;

    /// <summary>The client of the node's operator endpoints.</summary>
    public DynamoAdminClient Admin { get; private set; } = null!;

    /// <summary>The client over the actor protocol.</summary>
    public DynamoActorClient Actor { get; private set; } = null!;

    /// <summary>The client-only actor system the actor client sends from.</summary>
    public ActorSystem ClientSystem => _clientSystem!;

    /// <summary>The client of the named transport, for theories over both.</summary>
    public IDynamoClient Client(string transport) => transport switch
    {
        "http" => Http,
        "actor" => Actor,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "expected http or actor"),
    };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _kv = await KvNode.StartAsync(ConfigurationFactory.ParseString($$"""
            akka.loglevel = ERROR
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms }
            dynamo.persistence.plugin = memory
            dynamo.kv {
              ring-partitions = 16
              request-timeout = 1s
              max-value-size = {{MaxValueSize}}
              bucket-defaults { n = 1, r = 1, w = 1 }
            }
            """).WithFallback(TestConfig.ClusterMember)).WaitAsync(StartTimeout);
        var node = new ClusterDynamoNode(_kv, DateTimeOffset.UtcNow);
        await node.JoinAsync(_kv.Cluster.SelfAddress.ToString(), CancellationToken.None).WaitAsync(StartTimeout);
        var deadline = DateTime.UtcNow + StartTimeout;
        while ((await node.GetRingAsync(CancellationToken.None)).PartitionCount == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The node did not install a ring after joining itself.");
            await Task.Delay(50);
        }

        _app = DynamoHttpServer.Create(node, new HttpSettings { Hostname = "127.0.0.1", Port = 0, MaxValueSize = MaxValueSize }, logging => logging.ClearProviders());
        await _app.StartAsync(new CancellationTokenSource(StartTimeout).Token);
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        Http = new DynamoHttpClient(_http, new Uri(_app.Urls.First()));
        Admin = new DynamoAdminClient(_http, new Uri(_app.Urls.First()));

        _clientSystem = DynamoActorClient.CreateSystem("client", ConfigurationFactory.ParseString("akka.loglevel = ERROR").WithFallback(TestConfig.Akka));
        Actor = new DynamoActorClient(_clientSystem, _kv.Cluster.SelfAddress.ToString(), TimeSpan.FromSeconds(10));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            await _app.DisposeAsync();
        }
        if (_clientSystem is not null) await _clientSystem.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        if (_kv is not null) await _kv.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
    }
}
