using System.Globalization;
using System.Net;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.Server.Cluster;
using Dynamo.Server.Health;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Dynamo.Server.Node;
using Dynamo.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dynamo.Server.Tests;

/// <summary>
/// /health/alive and /health/ready of a node composed as the node process composes it: one generic host running the
/// actor system (Akka.Hosting, with the node's health checks) and Kestrel on a loopback port.
/// </summary>
public sealed class HealthEndpointTests
{
    private static readonly TimeSpan Within = TimeFactor.Dilated(TimeSpan.FromSeconds(40));

    [Fact(Timeout = 90_000)]
    public async Task A_member_is_alive_but_not_ready_until_it_joined_and_installed_its_ring()
    {
        // The only seed is a port nothing listens on: the member starts, and joins nothing.
        var config = ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
            akka.loglevel = ERROR
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{FreePorts.One()}} }
            akka.cluster.seed-nodes = ["akka.tcp://dynamo@127.0.0.1:{{FreePorts.One()}}"]
            dynamo.persistence.plugin = memory
            dynamo.kv.ring-partitions = 16
            """)).WithFallback(TestConfig.ClusterMember);
        var builder = Builder();
        builder.Services.AddDynamo("dynamo", config, HealthEndpoints.AddMemberChecks);
        builder.Services.AddSingleton<IDynamoNode>(sp => new ClusterDynamoNode(KvNode.Get(sp.GetRequiredService<ActorSystem>()), DateTimeOffset.UtcNow));
        await using var node = await StartAsync(builder);

        var (alive, _) = await GetAsync(node.Client, HealthEndpoints.AlivePath);
        Assert.Equal(HttpStatusCode.OK, alive);
        var (notReady, report) = await GetAsync(node.Client, HealthEndpoints.ReadyPath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady);
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("dynamo.vnodes").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("akka.cluster.join").GetProperty("status").GetString());
        // Still not ready a while later: nothing but joining makes it ready.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(node.Client, HealthEndpoints.ReadyPath)).Status);

        // The member forms a cluster of its own: Up, then its ring's vnodes start.
        var kv = KvNode.Get(node.App.Services.GetRequiredService<ActorSystem>());
        kv.Cluster.Join(kv.Cluster.SelfAddress);
        await UntilAsync(async () => (await GetAsync(node.Client, HealthEndpoints.ReadyPath)).Status == HttpStatusCode.OK, "the member ready after joining");
        var ring = await kv.CurrentRingAsync(TimeSpan.FromSeconds(5));
        Assert.True(ring.Installed);
        Assert.Equal(kv.NodeId, Assert.Single(ring.Ring!.Members));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(node.Client, HealthEndpoints.AlivePath)).Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_single_node_store_is_ready_once_started_and_neither_alive_nor_ready_once_its_actor_system_terminated()
    {
        var config = DynamoConfig.Load(null, ["akka.loglevel = ERROR", "dynamo.persistence.plugin = memory", "dynamo.kv.ring-partitions = 8"]);
        var builder = Builder();
        builder.Services.AddStandaloneStore(config, NullLogger.Instance, HealthEndpoints.AddStandaloneChecks);
        builder.Services.AddSingleton<IDynamoNode>(sp => sp.GetRequiredService<StandaloneStore>().CreateNode(() => null, DateTimeOffset.UtcNow));
        await using var node = await StartAsync(builder);

        var (ready, report) = await GetAsync(node.Client, HealthEndpoints.ReadyPath);
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("dynamo.vnodes").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(node.Client, HealthEndpoints.AlivePath)).Status);

        // Kestrel keeps answering while the actor system is gone: an orchestrator must see the node dead.
        await node.App.Services.GetRequiredService<ActorSystem>().Terminate().WaitAsync(TimeSpan.FromSeconds(20));
        var (dead, deadReport) = await GetAsync(node.Client, HealthEndpoints.AlivePath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, dead);
        Assert.Equal("Unhealthy", deadReport.GetProperty("checks").GetProperty("akka.actorsystem").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(node.Client, HealthEndpoints.ReadyPath)).Status);
    }

    private static WebApplicationBuilder Builder()
    {
        var builder = DynamoHttpServer.CreateBuilder(new HttpSettings { Hostname = "127.0.0.1", Port = 0 }, logging => logging.ClearProviders());
        builder.Services.AddHealthChecks();
        return builder;
    }

    private static async Task<RunningNode> StartAsync(WebApplicationBuilder builder)
    {
        var app = DynamoHttpServer.Build(builder);
        HealthEndpoints.Map(app);
        await app.StartAsync(new CancellationTokenSource(Within).Token);
        return new RunningNode(app, new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(15) });
    }

    private static async Task<(HttpStatusCode Status, JsonElement Report)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {Within.TotalSeconds:0} s: {what}");
            await Task.Delay(200);
        }
    }

    private sealed record RunningNode(WebApplication App, HttpClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await App.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
            await App.DisposeAsync();
        }
    }
}
