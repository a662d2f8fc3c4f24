using System.Net;
using System.Text;
using System.Text.Json;
using Dynamo.Actors;
using Dynamo.Actors.Configuration;
using Dynamo.Server.Cluster;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dynamo.Server.Tests;

/// <summary><c>/debug/faults</c>: off by default, and when on it blackholes and heals the links it is told to.</summary>
public sealed class FaultApiTests
{
    private static readonly Address Self = new(Address.TcpProtocol, "dynamo", "127.0.0.1", 4053);

    [Fact]
    public void Fault_injection_is_off_unless_configured_on()
    {
        Assert.False(NodeFaultInjection.IsEnabled(ConfigurationFactory.Load()));
        Assert.True(NodeFaultInjection.IsEnabled(ConfigurationFactory.ParseString("dynamo.node.fault-injection = on").WithFallback(ConfigurationFactory.Load())));
    }

    [Fact]
    public async Task Fault_endpoints_answer_404_naming_the_setting_when_fault_injection_is_off()
    {
        await using var app = await ServeAsync(null);
        using var client = ClientOf(app);

        using var get = await client.GetAsync("/debug/faults");
        using var post = await client.PostAsync("/debug/faults", Json("""{"heal": true}"""));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("dynamo.node.fault-injection", await post.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Blackhole_cuts_the_named_peers_both_ways_and_heal_restores_every_link()
    {
        var faults = new NodeFaultInjection("dynamo");
        faults.Attach(Self);
        var peer = new Address(Address.TcpProtocol, "dynamo", "127.0.0.1", 4054);
        var other = new Address(Address.TcpProtocol, "dynamo", "127.0.0.1", 4055);
        await using var app = await ServeAsync(faults);
        using var client = ClientOf(app);

        using var cut = await client.PostAsync("/debug/faults", Json("""{"blackhole": ["127.0.0.1:4054", "dynamo.tcp://dynamo@127.0.0.1:4055"]}"""));
        var listed = await BlackholedAsync(cut);

        Assert.Equal([peer.ToString(), other.ToString()], listed);
        Assert.True(faults.LinkTo(peer).Blackhole);
        Assert.True(faults.LinkTo(other).Blackhole);
        Assert.False(faults.LinkTo(new Address(Address.TcpProtocol, "dynamo", "127.0.0.1", 4056)).Blackhole);

        using var healed = await client.PostAsync("/debug/faults", Json("""{"heal": true}"""));
        Assert.Empty(await BlackholedAsync(healed));
        Assert.True(faults.LinkTo(peer).IsNone);
        using var get = await client.GetAsync("/debug/faults");
        Assert.Empty(await BlackholedAsync(get));
    }

    [Theory]
    [InlineData("""{}""", "blackhole")]
    [InlineData("""{"blackhole": "127.0.0.1:4054"}""", "array")]
    [InlineData("""{"blackhole": [4054]}""", "strings")]
    [InlineData("""{"blackhole": ["somewhere"]}""", "'somewhere'")]
    [InlineData("""{"blackhole": ["dynamo.tcp://other@127.0.0.1:4054"]}""", "'other'")]
    [InlineData("""{"heal": "yes"}""", "heal")]
    [InlineData("""{"partition": []}""", "'partition'")]
    public async Task Bad_fault_requests_are_refused_naming_the_problem(string body, string named)
    {
        var faults = new NodeFaultInjection("dynamo");
        faults.Attach(Self);
        await using var app = await ServeAsync(faults);
        using var client = ClientOf(app);

        using var response = await client.PostAsync("/debug/faults", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
        Assert.Empty(faults.Blackholed);
    }

    private static async Task<WebApplication> ServeAsync(NodeFaultInjection? faults)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new HttpSettings());
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FaultEndpoints.Map(app, faults);
        await app.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        return app;
    }

    private static HttpClient ClientOf(WebApplication app) =>
        new() { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(10) };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<string[]> BlackholedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("blackholed").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }
}
