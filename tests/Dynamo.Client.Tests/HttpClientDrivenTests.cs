using System.Text;
using Dynamo.TestSupport;

namespace Dynamo.Client.Tests;

/// <summary>
/// Client-driven coordination over HTTP against three in-process nodes: a client with the ring sends each request to
/// the HTTP endpoint of its key's owner, which coordinates it without forwarding; a client of one node has that node
/// forward every request for a key it does not hold.
/// </summary>
public sealed class HttpClientDrivenCoordinationTests(ThreeHttpNodes cluster) : IClassFixture<ThreeHttpNodes>
{
    // One replica per key, so only a key's owner can coordinate it and every other node has to forward.
    private const string Bucket = "one-replica";

    [Fact]
    public async Task A_client_with_the_ring_sends_each_request_to_its_keys_owner_where_one_of_a_single_node_is_forwarded()
    {
        using var timeout = new CancellationTokenSource(TimeFactor.Dilated(TimeSpan.FromSeconds(90)));
        var ct = timeout.Token;
        var client = await ClientDriven.HttpClientByRingAsync(cluster, Bucket, 1, TimeSpan.FromSeconds(10), ct);
        var ring = (await cluster.Nodes[0].CurrentRingAsync(TimeSpan.FromSeconds(5), ct)).Ring!;
        string[] keys = [.. Enumerable.Range(0, 30).Select(i => $"k{i}")];
        var elsewhere = keys.Count(k => ClientDriven.OwnerOf(ring, Bucket, k) != cluster.Nodes[0].NodeId);
        Assert.InRange(elsewhere, 1, keys.Length - 1);

        var before = Forwarded();
        foreach (var key in keys) await client.PutAsync(Bucket, key, Encoding.UTF8.GetBytes(key), "text/plain", ct: ct);
        foreach (var key in keys) Assert.Equal(key, ClientDriven.Text(await client.GetAsync(Bucket, key, ct: ct)));
        Assert.Equal(0, Forwarded() - before);

        var single = new DynamoHttpClient(cluster.Http, cluster.Endpoints[0]);
        before = Forwarded();
        foreach (var key in keys) Assert.Equal(key, ClientDriven.Text(await single.GetAsync(Bucket, key, ct: ct)));
        Assert.Equal(elsewhere, Forwarded() - before);
        Assert.Null(single.Ring);
    }

    [Fact]
    public void A_ring_poll_interval_that_is_not_positive_is_refused_naming_it()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new DynamoHttpClient(cluster.Http, cluster.Endpoints[0],
            new DynamoHttpClientOptions { ClientDrivenCoordination = true, RingPollInterval = TimeSpan.Zero }));
        Assert.Contains(nameof(DynamoHttpClientOptions.RingPollInterval), refused.Message);
    }

    private long Forwarded() => ClientDriven.Forwarded(cluster);
}

/// <summary>A node whose HTTP endpoint refuses connections drops out of an HTTP client's ring, and its keys go on to the next node.</summary>
public sealed class HttpClientDrivenRefusalTests(ThreeHttpNodes cluster) : IClassFixture<ThreeHttpNodes>
{
    private const string Bucket = "one-replica";

    [Fact]
    public async Task A_key_whose_owner_refuses_the_connection_goes_to_the_next_node_which_forwards_it_and_nothing_is_lost()
    {
        using var timeout = new CancellationTokenSource(TimeFactor.Dilated(TimeSpan.FromSeconds(90)));
        var ct = timeout.Token;
        // Polled once in the test's time: a poll would bring the refusing endpoint back until it refuses again.
        var client = await ClientDriven.HttpClientByRingAsync(cluster, Bucket, 1, TimeSpan.FromMinutes(10), ct);
        // The owner stays a member, so the cluster still calls it reachable: only its connection refusal tells the client.
        var owner = cluster.Nodes[2];
        var ring = (await owner.CurrentRingAsync(TimeSpan.FromSeconds(5), ct)).Ring!;
        string[] keys = [.. Enumerable.Range(0, 60).Select(i => $"r{i}")
            .Where(k => ClientDriven.OwnerOf(ring, Bucket, k) == owner.NodeId).Take(5)];
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Equal(cluster.Endpoints[2], client.Ring!.CoordinatorOf(Bucket, k)));

        await cluster.StopHttpAsync(2);
        var before = Forwarded();
        foreach (var key in keys) await client.PutAsync(Bucket, key, Encoding.UTF8.GetBytes(key), "text/plain", ct: ct);

        // Each went to another node, which forwarded it to the owner: the one replica is there.
        Assert.Equal(keys.Length, Forwarded() - before);
        Assert.Equal(2, client.Ring!.ReachableNodes);
        foreach (var key in keys)
            Assert.Equal(key, Encoding.UTF8.GetString(Assert.Single((await client.GetAsync(Bucket, key, ct: ct)).Siblings).Value.Span));
    }

    private long Forwarded() => ClientDriven.Forwarded(cluster);
}
