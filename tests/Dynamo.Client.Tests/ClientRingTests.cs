using System.Text;
using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Protocol;

namespace Dynamo.Client.Tests;

/// <summary>The ring a client coordinates by: which node's router each key's request goes to.</summary>
public sealed class ClientRingTests : IDisposable
{
    private const string Bucket = "ring";

    private readonly ActorSystem _system = ActorSystem.Create("client-ring", "akka.loglevel = ERROR");

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    [Fact]
    public void A_key_goes_to_its_partitions_owner_or_when_that_is_unreachable_to_the_next_owner_clockwise()
    {
        var a = _system.ActorOf(Props.Empty, "a");
        var c = _system.ActorOf(Props.Empty, "c");
        var routers = new Dictionary<string, IActorRef?> { ["a"] = a, ["b"] = null, ["c"] = c };
        var ring = ClientRing.From(Result(["a", "b", "c"], [0, 1, 2, 0]), n => routers[n.Address])!;
        var partitions = new Ring(["a", "b", "c"], ["a", "b", "c", "a"]);

        foreach (var key in Enumerable.Range(0, 200).Select(i => $"k{i}"))
        {
            var partition = partitions.PartitionOf(Encoding.UTF8.GetBytes(Bucket), Encoding.UTF8.GetBytes(key));
            // Partition 1's owner b is unreachable: its keys go on to c, the owner of partition 2.
            var expected = partition is 0 or 3 ? a : c;
            Assert.Equal(expected, ring.CoordinatorOf(Bucket, key));
        }
        Assert.Equal(2, ring.ReachableNodes);
    }

    [Fact]
    public void A_key_goes_to_the_home_node_when_it_is_on_the_keys_preference_list_by_the_buckets_n()
    {
        var a = _system.ActorOf(Props.Empty, "home-a");
        var b = _system.ActorOf(Props.Empty, "home-b");
        var c = _system.ActorOf(Props.Empty, "home-c");
        var routers = new Dictionary<string, IActorRef?> { ["a"] = a, ["b"] = b, ["c"] = c };
        var result = Result(["a", "b", "c"], [0, 1, 2, 0]);
        result.BucketN["three"] = 3;
        var ring = ClientRing.From(result, n => routers[n.Address], home: "c")!;
        var partitions = new Ring(["a", "b", "c"], ["a", "b", "c", "a"]);

        foreach (var key in Enumerable.Range(0, 200).Select(i => $"k{i}"))
        {
            // n = 2: c is on the lists of partitions 1 (b, c) and 2 (c, a), not of 0 (a, b) or 3 (a, a).
            var partition = partitions.PartitionOf(Encoding.UTF8.GetBytes(Bucket), Encoding.UTF8.GetBytes(key));
            Assert.Equal(partition is 1 or 2 ? c : a, ring.CoordinatorOf(Bucket, key));
            // n = 3: c is on the lists of partitions 0 (a, b, c), 1 and 2, not of 3 (a, a, b).
            partition = partitions.PartitionOf(Encoding.UTF8.GetBytes("three"), Encoding.UTF8.GetBytes(key));
            Assert.Equal(partition is 3 ? a : c, ring.CoordinatorOf("three", key));
        }
        Assert.Equal(c, ring.Home);
    }

    [Fact]
    public void A_ring_with_no_reachable_node_has_no_coordinator_and_an_empty_answer_no_ring()
    {
        var ring = ClientRing.From(Result(["a", "b"], [0, 1]), _ => null)!;

        Assert.Null(ring.CoordinatorOf(Bucket, "k"));
        Assert.Equal(0, ring.ReachableNodes);
        Assert.Null(ClientRing.From(new RingResult(), _ => null));
    }

    [Fact]
    public void An_answer_that_is_no_ring_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ClientRing.From(Result(["a", "b"], [0, 2]), _ => null));
        Assert.Throws<ArgumentException>(() => ClientRing.From(Result(["a", "b"], [0, 1, 0]), _ => null));
    }

    private static RingResult Result(string[] nodes, uint[] owners)
    {
        var result = new RingResult();
        result.Nodes.AddRange(nodes.Select(n => new RingNode { Address = n, Reachable = true }));
        result.Owners.AddRange(owners);
        result.DefaultN = 2;
        return result;
    }
}
