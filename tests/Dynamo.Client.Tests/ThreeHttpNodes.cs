using System.Globalization;
using Akka.Configuration;
using Dynamo.Server.Cluster;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Dynamo.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Dynamo.Client.Tests;

/// <summary>
/// Three nodes, each serving its HTTP API on 127.0.0.1 and a port chosen before it joins, which it advertises to the
/// others as its <c>http-endpoint=</c> role, as a server process does; without the member that runs no store.
/// </summary>
public sealed class ThreeHttpNodes : ThreeNodes
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly int[] _httpPorts = [.. Enumerable.Range(0, 3).Select(_ => FreePorts.One())];
    private readonly List<WebApplication> _apps = [];

    /// <summary>The HTTP connection pool of the tests' clients.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Each node's HTTP endpoint, in node order.</summary>
    public IReadOnlyList<Uri> Endpoints => [.. _httpPorts.Select(port => new Uri($"http://127.0.0.1:{port}/"))];

    /// <inheritdoc />
    protected override bool WithMember => false;

    /// <inheritdoc />
    protected override Config NodeOverrides(int index) => ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture,
        $"akka.cluster.roles = [\"dynamo\", \"{HttpEndpointRole.For($"http://127.0.0.1:{_httpPorts[index]}")}\"]"));

    /// <summary>Stops serving node <paramref name="index"/>'s HTTP API; the node itself keeps running.</summary>
    public Task StopHttpAsync(int index) => _apps[index].StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

    /// <inheritdoc />
    protected override async Task NodesUpAsync()
    {
        for (var i = 0; i < Nodes.Count; i++)
        {
            var app = DynamoHttpServer.Create(new ClusterDynamoNode(Nodes[i], DateTimeOffset.UtcNow),
                new HttpSettings { Hostname = "127.0.0.1", Port = _httpPorts[i], ReplyTimeout = TimeSpan.FromSeconds(10) },
                logging => logging.ClearProviders());
            _apps.Add(app);
            await app.StartAsync(new CancellationTokenSource(StartTimeout).Token);
        }
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        Http.Dispose();
        foreach (var app in _apps)
        {
            await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            await app.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
