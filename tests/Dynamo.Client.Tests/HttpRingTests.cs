using System.Text;
using Dynamo.Core.Partitioning;

namespace Dynamo.Client.Tests;

/// <summary>The ring an HTTP client coordinates by, from a node's <c>GET /ring</c> and <c>GET /cluster</c>.</summary>
public sealed class HttpRingTests
{
    private const string Bucket = "ring";

    private static readonly Uri A = new("http://10.0.0.1:8098/");
    private static readonly Uri C = new("http://10.0.0.3:8098/");

    // Partitions 0..3 owned by a, b, c, a.
    private static readonly DynamoRingView RingView = new(4, [new(0, "a"), new(1, "b"), new(2, "c"), new(3, "a")]);
    private static readonly Ring Partitions = new(["a", "b", "c"], ["a", "b", "c", "a"]);

    [Fact]
    public void A_key_goes_to_its_owners_endpoint_and_past_an_owner_that_is_unreachable_to_the_next_owner_clockwise()
    {
        var ring = HttpRingPoller.RingOf(RingView, Cluster(Member("a", "Up", true, "http://10.0.0.1:8098"), Member("b", "Up", false, "http://10.0.0.2:8098"),
            Member("c", "Up", true, "http://10.0.0.3:8098")), new HashSet<Uri>())!;

        foreach (var key in Enumerable.Range(0, 200).Select(i => $"k{i}"))
            Assert.Equal(PartitionOf(key) is 0 or 3 ? A : C, ring.CoordinatorOf(Bucket, key));
        Assert.Equal(2, ring.ReachableNodes);
        Assert.Null(ring.Home);
    }

    [Fact]
    public void An_owner_joining_advertising_no_endpoint_or_refusing_connections_has_no_endpoint()
    {
        var members = Cluster(Member("a", "Joining", true, "http://10.0.0.1:8098"), Member("b", "Up", true, null),
            Member("c", "Leaving", true, "http://10.0.0.3:8098"));

        var ring = HttpRingPoller.RingOf(RingView, members, new HashSet<Uri>())!;
        Assert.All(Enumerable.Range(0, 50).Select(i => $"k{i}"), key => Assert.Equal(C, ring.CoordinatorOf(Bucket, key)));

        var refused = HttpRingPoller.RingOf(RingView, members, new HashSet<Uri> { C })!;
        Assert.Equal(0, refused.ReachableNodes);
        Assert.Null(refused.CoordinatorOf(Bucket, "k"));
    }

    [Fact]
    public void A_node_without_a_ring_or_an_answer_that_is_no_ring_gives_none()
    {
        var members = Cluster(Member("a", "Up", true, "http://10.0.0.1:8098"));
        Assert.Null(HttpRingPoller.RingOf(new DynamoRingView(0, []), members, new HashSet<Uri>()));
        Assert.Null(HttpRingPoller.RingOf(new DynamoRingView(3, [new(0, "a"), new(1, "a"), new(2, "a")]), members, new HashSet<Uri>()));
        Assert.Null(HttpRingPoller.RingOf(new DynamoRingView(4, [new(0, "a"), new(1, "a")]), members, new HashSet<Uri>()));
    }

    private static int PartitionOf(string key) => Partitions.PartitionOf(Encoding.UTF8.GetBytes(Bucket), Encoding.UTF8.GetBytes(key));

    private static DynamoClusterView Cluster(params DynamoClusterMember[] members) => new("akka.tcp://dynamo@10.0.0.1:4053", null, members);

    private static DynamoClusterMember Member(string node, string status, bool reachable, string? endpoint) =>
        new($"akka.tcp://dynamo@{node}:4053", node, status, reachable, endpoint, 1);
}
