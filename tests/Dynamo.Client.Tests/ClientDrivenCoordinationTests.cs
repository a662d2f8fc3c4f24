using System.Text;
using Akka.Configuration;
using Dynamo.TestSupport;

namespace Dynamo.Client.Tests;

/// <summary>
/// Client-driven coordination over real TCP against three in-process nodes: a client that has the ring sends each
/// request to a node of its key's preference list, which coordinates it without forwarding; one that goes through its
/// contact member has that member forward every request for a key it does not hold.
/// </summary>
public sealed class ClientDrivenCoordinationTests(ThreeNodes cluster) : IClassFixture<ThreeNodes>
{
    // One replica per key, so only a key's owner can coordinate it and every other node has to forward.
    private const string Bucket = "one-replica";

    [Fact]
    public async Task A_client_with_the_ring_sends_each_request_to_its_keys_owner_where_one_through_its_contact_is_forwarded()
    {
        using var timeout = new CancellationTokenSource(TimeFactor.Dilated(TimeSpan.FromSeconds(90)));
        var ct = timeout.Token;
        // Every node must route by n = 1 before the counts mean anything: with n = 3 every node holds every key.
        await ClientDriven.SetNEverywhereAsync(cluster, Bucket, 1, ct);
        var contact = cluster.Nodes[0];
        using var direct = new DynamoActorClient(cluster.ClientSystem, [contact.Cluster.SelfAddress.ToString()], TimeSpan.FromSeconds(10));
        await ClientDriven.RingKnownAsync(direct, nodes: 3, ct);
        var ring = (await contact.CurrentRingAsync(TimeSpan.FromSeconds(5), ct)).Ring!;
        string[] keys = [.. Enumerable.Range(0, 30).Select(i => $"k{i}")];
        // ClusterClient talks to whichever member's receptionist answers first: that member forwards the keys it does not own.
        int[] elsewhere = [.. cluster.Nodes.Select(n => keys.Count(k => ClientDriven.OwnerOf(ring, Bucket, k) != n.NodeId))];
        Assert.All(elsewhere, count => Assert.InRange(count, 1, keys.Length - 1));

        var before = Forwarded();
        foreach (var key in keys) await direct.PutAsync(Bucket, key, Encoding.UTF8.GetBytes(key), "text/plain", ct: ct);
        foreach (var key in keys) Assert.Equal(key, ClientDriven.Text(await direct.GetAsync(Bucket, key, ct: ct)));
        Assert.Equal(0, Forwarded() - before);

        var system = ClientDriven.ThroughContactSystem("through-contact");
        try
        {
            using var throughContact = new DynamoActorClient(system, [contact.Cluster.SelfAddress.ToString()], TimeSpan.FromSeconds(10));
            before = Forwarded();
            foreach (var key in keys) Assert.Equal(key, ClientDriven.Text(await throughContact.GetAsync(Bucket, key, ct: ct)));
            Assert.Contains(Forwarded() - before, elsewhere.Select(count => (long)count));
            Assert.Null(throughContact.Ring);
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task A_ring_poll_interval_that_is_not_positive_is_refused_naming_the_key()
    {
        var system = DynamoActorClient.CreateSystem("bad-poll", ConfigurationFactory
            .ParseString("akka.loglevel = ERROR\ndynamo.client.ring-poll-interval = 0s").WithFallback(TestConfig.Akka));
        try
        {
            var refused = Assert.Throws<ArgumentException>(() => new DynamoActorClient(system, cluster.Addresses));
            Assert.Contains("dynamo.client.ring-poll-interval", refused.Message);
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private long Forwarded() => ClientDriven.Forwarded(cluster);

}
