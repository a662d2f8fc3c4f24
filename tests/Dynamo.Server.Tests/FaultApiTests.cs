using System.Net;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Akka.Remote.Transport;
using Dynamo.Configuration;
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
    // With fault injection on, the throttler adapter shows in every address of the cluster.
    private const string Scheme = "akka.trttl.tcp";
    private static readonly Address Self = new(Scheme, "dynamo", "127.0.0.1", 4053);

    [Fact]
    public void Fault_injection_is_off_unless_configured_on_and_then_applies_the_throttler_to_the_transport()
    {
        var off = DynamoConfig.Load();
        var on = ConfigurationFactory.ParseString("dynamo.node.fault-injection = on").WithFallback(DynamoConfig.Load());

        Assert.False(NodeFaultInjection.IsEnabled(off));
        Assert.True(NodeFaultInjection.IsEnabled(on));
        Assert.Empty(NodeFaultInjection.Configure(off).GetStringList("akka.remote.dot-netty.tcp.applied-adapters"));
        Assert.Equal(["trttl"], NodeFaultInjection.Configure(on).GetStringList("akka.remote.dot-netty.tcp.applied-adapters"));
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
        var commands = new List<SetThrottle>();
        var faults = new NodeFaultInjection("dynamo");
        faults.Attach(Self, Recording(commands, accept: true));
        var peer = new Address(Scheme, "dynamo", "127.0.0.1", 4054);
        var other = new Address(Scheme, "dynamo", "127.0.0.1", 4055);
        await using var app = await ServeAsync(faults);
        using var client = ClientOf(app);

        using var cut = await client.PostAsync("/debug/faults", Json("""{"blackhole": ["127.0.0.1:4054", "akka.trttl.tcp://dynamo@127.0.0.1:4055"]}"""));
        var listed = await BlackholedAsync(cut);

        Assert.Equal([peer.ToString(), other.ToString()], listed);
        Assert.True(faults.IsBlackholed(peer));
        Assert.True(faults.IsBlackholed(other));
        Assert.False(faults.IsBlackholed(new Address(Scheme, "dynamo", "127.0.0.1", 4056)));
        Assert.Equal([(peer, "Blackhole"), (other, "Blackhole")], Described(commands));
        Assert.All(commands, c => Assert.Equal(ThrottleTransportAdapter.Direction.Both, c.Direction));

        commands.Clear();
        using var healed = await client.PostAsync("/debug/faults", Json("""{"heal": true}"""));
        Assert.Empty(await BlackholedAsync(healed));
        Assert.False(faults.IsBlackholed(peer));
        Assert.Equal([(peer, "Unthrottled"), (other, "Unthrottled")], Described(commands));
        using var get = await client.GetAsync("/debug/faults");
        Assert.Empty(await BlackholedAsync(get));
    }

    [Fact]
    public async Task A_blackhole_the_transport_refuses_is_503_and_the_link_is_not_listed()
    {
        var faults = new NodeFaultInjection("dynamo");
        faults.Attach(Self, Recording([], accept: false));
        await using var app = await ServeAsync(faults);
        using var client = ClientOf(app);

        using var response = await client.PostAsync("/debug/faults", Json("""{"blackhole": ["127.0.0.1:4054"]}"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("127.0.0.1:4054", await response.Content.ReadAsStringAsync());
        Assert.Empty(faults.Blackholed);
    }

    [Theory]
    [InlineData("""{}""", "blackhole")]
    [InlineData("""{"blackhole": "127.0.0.1:4054"}""", "array")]
    [InlineData("""{"blackhole": [4054]}""", "strings")]
    [InlineData("""{"blackhole": ["somewhere"]}""", "'somewhere'")]
    [InlineData("""{"blackhole": ["akka.trttl.tcp://other@127.0.0.1:4054"]}""", "'other'")]
    [InlineData("""{"blackhole": ["akka.tcp://dynamo@"]}""", "not a member address")]
    [InlineData("""{"heal": "yes"}""", "heal")]
    [InlineData("""{"partition": []}""", "'partition'")]
    public async Task Bad_fault_requests_are_refused_naming_the_problem(string body, string named)
    {
        var commands = new List<SetThrottle>();
        var faults = new NodeFaultInjection("dynamo");
        faults.Attach(Self, Recording(commands, accept: true));
        await using var app = await ServeAsync(faults);
        using var client = ClientOf(app);

        using var response = await client.PostAsync("/debug/faults", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
        Assert.Empty(faults.Blackholed);
        Assert.Empty(commands);
    }

    // Stands in for the remoting transport's management command: records what the throttler would be told.
    private static Func<SetThrottle, Task<bool>> Recording(List<SetThrottle> commands, bool accept) => command =>
    {
        lock (commands) commands.Add(command);
        return Task.FromResult(accept);
    };

    private static List<(Address, string)> Described(List<SetThrottle> commands) =>
        [.. commands.Select(c => (c.Address, c.Mode.GetType().Name))];

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
