using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Dynamo.TestSupport;
using Google.Protobuf;

namespace Dynamo.Client.Tests;

/// <summary>
/// A node that crashes drops out of a client's ring, and the next primary coordinates its keys (a fallback standing in
/// for the crashed one).
/// </summary>
public sealed class ClientDrivenFailoverTests(ThreeCrashableNodes cluster) : IClassFixture<ThreeCrashableNodes>
{
    private const string Bucket = "failover";

    [Fact]
    public async Task A_node_that_crashes_drops_out_of_the_clients_ring_and_the_next_primary_coordinates_its_keys()
    {
        using var timeout = new CancellationTokenSource(TimeFactor.Dilated(TimeSpan.FromSeconds(90)));
        var ct = timeout.Token;
        var client = cluster.Client;
        await ClientDriven.RingKnownAsync(client, nodes: 3, ct);
        var crashed = cluster.Nodes[2];
        var crashedAddress = crashed.Cluster.SelfAddress;
        string[] keys = [.. Enumerable.Range(0, 100).Select(i => $"f{i}").Where(k => CoordinatorOf(client, k) == crashedAddress).Take(5)];
        Assert.NotEmpty(keys);
        var contexts = new Dictionary<string, DynamoContext>();
        foreach (var key in keys) contexts[key] = await client.PutAsync(Bucket, key, Encoding.UTF8.GetBytes("before"), "text/plain", ct: ct);

        await crashed.DisposeAsync();
        await ClientDriven.UntilAsync(() => Task.FromResult(client.Ring!.CoordinatingNodes == 2), "the client's ring drops the crashed node", ct);

        foreach (var key in keys)
        {
            Assert.NotEqual(crashedAddress, CoordinatorOf(client, key));
            await client.PutAsync(Bucket, key, Encoding.UTF8.GetBytes("after"), "text/plain", contexts[key], ct: ct);
            var read = await client.GetAsync(Bucket, key, ct: ct);
            Assert.Equal("after", Encoding.UTF8.GetString(Assert.Single(read.Siblings).Value.Span));
        }
    }

    private static Address? CoordinatorOf(DynamoActorClient client, string key) =>
        client.Ring!.CoordinatorOf(Bucket, ByteString.CopyFromUtf8(key))?.Path.Address;
}

/// <summary>
/// Three nodes and a client, without the member that runs no store; a node stopped here stops as if it crashed, without
/// leaving the cluster, so the others see it unreachable and its partitions keep their owner.
/// </summary>
public sealed class ThreeCrashableNodes : ThreeNodes
{
    /// <inheritdoc />
    protected override bool WithMember => false;

    /// <inheritdoc />
    protected override Config NodeOverrides { get; } =
        ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-actor-system-terminate = off");
}
