using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Dynamo.TestSupport;

namespace Dynamo.Client.Tests;

/// <summary>
/// A node that crashes drops out of a client's ring, and the next primary coordinates its keys, with a fallback
/// standing in for the crashed one.
/// </summary>
public sealed class ClientDrivenFailoverTests(ThreeCrashableNodes cluster) : IClassFixture<ThreeCrashableNodes>
{
    // n = 2 on three nodes, so that some keys' lists leave out the client's home node, which would take every key.
    private const string Bucket = "failover";

    [Fact]
    public async Task A_node_that_crashes_drops_out_of_the_clients_ring_and_the_next_primary_coordinates_its_keys()
    {
        using var timeout = new CancellationTokenSource(TimeFactor.Dilated(TimeSpan.FromSeconds(90)));
        var ct = timeout.Token;
        var client = cluster.Client;
        var oldest = cluster.Nodes[0].Cluster.SelfAddress;
        await ClientDriven.SetNEverywhereAsync(cluster, Bucket, 2, ct);
        var ring = (await cluster.Nodes[0].CurrentRingAsync(TimeSpan.FromSeconds(5), ct)).Ring!;
        // Keys whose two replicas are on two nodes: a key on one node twice has no primary left when that node crashes.
        var candidates = Enumerable.Range(0, 400).Select(i => $"f{i}").Where(k =>
        {
            var partition = ring.PartitionOf(Encoding.UTF8.GetBytes(Bucket), Encoding.UTF8.GetBytes(k));
            return ring.OwnerOf(partition) != ring.OwnerOf((partition + 1) % ring.PartitionCount);
        }).ToList();
        // The node to crash coordinates some of them for the client, its home node or another: not node 0, the oldest
        // member, where Cluster.Sharding's coordinator runs. Which node ClusterClient made the home is its own choice,
        // and with n = 2 a node other than node 0 and the home may coordinate no key at all.
        // The client's ring may still be one from before every node had claimed partitions, on which the oldest member
        // is on every key's list: wait until it is current enough to name other coordinators.
        await ClientDriven.UntilAsync(() => Task.FromResult(client.Ring is { ReachableNodes: 3, Home: not null }
                && candidates.Any(k => CoordinatorOf(client, k) is { } node && node != oldest)),
            "the client has a ring of three reachable nodes, a home node, and coordinators other than the oldest member", ct);
        var elsewhere = candidates.GroupBy(k => CoordinatorOf(client, k)).Where(g => g.Key is { } node && node != oldest).MaxBy(g => g.Count())!;
        var (crashedAddress, keys) = (elsewhere.Key, elsewhere.Take(5).ToArray());
        var crashed = cluster.Nodes.Single(n => n.Cluster.SelfAddress == crashedAddress);
        var contexts = new Dictionary<string, DynamoContext>();
        foreach (var key in keys) contexts[key] = await client.PutAsync(Bucket, key, Encoding.UTF8.GetBytes("before"), "text/plain", ct: ct);

        await crashed.DisposeAsync();
        await ClientDriven.UntilAsync(() => Task.FromResult(client.Ring!.ReachableNodes == 2), "the client's ring drops the crashed node", ct);
        // The survivors give the crashed node's slot to a fallback once their failure detectors see it unreachable.
        await ClientDriven.UntilAsync(() => Task.FromResult(cluster.Nodes.Where(n => n != crashed)
            .All(n => n.Cluster.State.Unreachable.Any(m => m.Address == crashedAddress))), "the survivors see the crashed node unreachable", ct);

        foreach (var key in keys)
        {
            Assert.NotEqual(crashedAddress, CoordinatorOf(client, key));
            await client.PutAsync(Bucket, key, Encoding.UTF8.GetBytes("after"), "text/plain", contexts[key], ct: ct);
            var read = await client.GetAsync(Bucket, key, ct: ct);
            Assert.Equal("after", Encoding.UTF8.GetString(Assert.Single(read.Siblings).Value.Span));
        }
    }

    private static Address? CoordinatorOf(DynamoActorClient client, string key) =>
        client.Ring!.CoordinatorOf(Bucket, key)?.Path.Address;
}

/// <summary>
/// Three nodes and a client, without the member that runs no store; a node stopped here stops as if it crashed, without
/// leaving the cluster, so the others see it unreachable and its partitions keep their owner.
/// </summary>
public sealed class ThreeCrashableNodes : ThreeNodes
{
    private static readonly Config Crashable =
        ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-actor-system-terminate = off");

    /// <inheritdoc />
    protected override bool WithMember => false;

    /// <inheritdoc />
    protected override Config NodeOverrides(int index) => Crashable;
}
