using System.Net;
using System.Text;
using Dynamo.Testing;

namespace Dynamo.Cluster.Tests;

/// <summary>
/// The embedding sample (src/Dynamo.Sample), a team's own service built with Akka.Hosting and WithDynamo, started as a
/// process beside two Dynamo.Server nodes in one cluster.
/// </summary>
[Collection(Faults.NodeProcessesCollection.Name)]
public sealed class EmbeddedServiceTests
{
    private static readonly ProcessClusterOptions PlainTcp = new() { FaultInjection = false };

    [Fact]
    public async Task A_member_without_the_store_role_uses_the_store_through_the_proxy_and_holds_no_partition()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;
        await using var cluster = await ProcessCluster.StartAsync(2, PlainTcp, ct);
        using var sample = SampleProcess.Start(cluster[0].Options.RemotePort, store: false);

        await AwaitUpAsync(cluster, sample, ct);
        await AwaitServingAsync(cluster, sample, ct);
        Assert.Equal("1", await VisitAsync(sample, ct));
        Assert.Equal("2", await VisitAsync(sample, ct));
        Assert.Equal("3", await VisitAsync(sample, ct));

        // What the service wrote is in the store, as any client reads it.
        var stored = await cluster.Client(1).GetAsync("visits", "home", ct: ct);
        Assert.Equal("3", Encoding.UTF8.GetString(Assert.Single(stored.Siblings).Value.Span));
        // Vnodes run only on members with the store's role: the ring is the two nodes'.
        var owners = (await cluster.RingAsync(0, ct)).ToHashSet();
        Assert.Equal(new[] { cluster[0].NodeId, cluster[1].NodeId }.Order(StringComparer.Ordinal), owners.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_member_with_the_store_role_runs_a_share_of_the_store()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var ct = timeout.Token;
        await using var cluster = await ProcessCluster.StartAsync(2, PlainTcp, ct);
        using var sample = SampleProcess.Start(cluster[0].Options.RemotePort, store: true);

        await AwaitUpAsync(cluster, sample, ct);
        await cluster.AwaitAsync(async token =>
        {
            var owners = await cluster.RingAsync(1, token).ConfigureAwait(false);
            return (owners.Contains(sample.NodeId), $"owners [{string.Join(", ", owners.Distinct())}]");
        }, "the sample's member to own partitions", TimeSpan.FromSeconds(60), ct);
        await AwaitServingAsync(cluster, sample, ct);
        Assert.Equal("1", await VisitAsync(sample, ct));
        Assert.Equal("2", await VisitAsync(sample, ct));
        var stored = await cluster.Client(0).GetAsync("visits", "home", ct: ct);
        Assert.Equal("2", Encoding.UTF8.GetString(Assert.Single(stored.Siblings).Value.Span));
    }

    private static Task AwaitUpAsync(ProcessCluster cluster, SampleProcess sample, CancellationToken ct) =>
        cluster.AwaitAsync(async token =>
        {
            var members = await cluster.MembersAsync(0, token).ConfigureAwait(false);
            var member = members.FirstOrDefault(m => m.Address == sample.Address);
            return (member is { Status: "Up", Reachable: true }, member?.ToString() ?? "not a member yet; sample output:\n" + sample.Output(10));
        }, "the sample to be an Up member", TimeSpan.FromSeconds(60), ct);

    // The service answers once its member sees the store's members (reads first, so no visit is counted twice).
    private static Task AwaitServingAsync(ProcessCluster cluster, SampleProcess sample, CancellationToken ct) =>
        cluster.AwaitAsync(async token =>
        {
            try
            {
                using var response = await sample.Http.GetAsync("visits/home", token).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
                return (response.StatusCode == HttpStatusCode.OK && body == "0", $"{(int)response.StatusCode} {body}");
            }
            catch (HttpRequestException e)
            {
                return (false, e.Message);
            }
        }, "the sample to read through the store", TimeSpan.FromSeconds(60), ct);

    private static async Task<string> VisitAsync(SampleProcess sample, CancellationToken ct)
    {
        using var response = await sample.Http.PostAsync("visits/home", null, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}\n{sample.Output()}");
        return body;
    }
}
