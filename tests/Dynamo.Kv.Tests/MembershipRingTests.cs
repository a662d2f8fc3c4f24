using Akka.Actor;
using Akka.Cluster;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Membership;

namespace Dynamo.Kv.Tests;

/// <summary>The ring a membership view implies: which members claim, in which order, and how node ids map to addresses.</summary>
public sealed class MembershipRingTests
{
    private static readonly Address Self = new("akka.tcp", "dynamo", "127.0.0.1", 4001);

    private static (Address, MemberStatus) Member(int port, MemberStatus status = MemberStatus.Up) =>
        (new Address("akka.tcp", "dynamo", "127.0.0.1", port), status);

    [Fact]
    public void Every_view_of_the_same_members_gives_the_same_ring()
    {
        var claimant = new Claimant(64);
        (Address, MemberStatus)[] members = [Member(4003), Member(4001), Member(4002)];
        var one = MembershipRing.Compute(claimant, MembershipRing.RingMembers(members));
        var other = MembershipRing.Compute(claimant, MembershipRing.RingMembers(members.Reverse()));
        Assert.NotNull(one);
        Assert.Equal([.. one!.Owners], [.. other!.Owners]);
        Assert.Equal(["127.0.0.1:4001", "127.0.0.1:4002", "127.0.0.1:4003"], [.. MembershipRing.RingMembers(members)]);
    }

    [Fact]
    public void Claim_order_is_the_ordinal_order_of_node_ids_whatever_order_they_joined_in()
    {
        // Ordinal on the id text, not numeric on the port: every node computes the same order from ids alone.
        Assert.Equal(["127.0.0.1:10000", "127.0.0.1:4001", "127.0.0.1:9000"],
            [.. MembershipRing.RingMembers([Member(9000), Member(10000), Member(4001)])]);
    }

    [Fact]
    public void A_joiner_takes_partitions_without_reshuffling_the_rest()
    {
        var claimant = new Claimant(64);
        (Address, MemberStatus)[] three = [Member(4001), Member(4002), Member(4003)];
        var before = MembershipRing.Compute(claimant, MembershipRing.RingMembers(three))!;
        var after = MembershipRing.Compute(claimant, MembershipRing.RingMembers([.. three, Member(4004)]))!;
        // The joiner's share is a quarter (plus a few moves to keep N owners distinct); a fresh stripe of four would move most partitions.
        Assert.True(before.CountMoves(after) < 64 / 2, $"{before.CountMoves(after)} partitions moved");
        Assert.Equal(16, after.PartitionsOf("127.0.0.1:4004").Count);
    }

    [Fact]
    public void Removed_members_are_not_ring_members_but_joining_down_and_leaving_ones_are()
    {
        // A joining member already claims (the claim order is by node id, so it lands where it will stay once Up).
        Assert.Equal(["127.0.0.1:4001", "127.0.0.1:4002", "127.0.0.1:4004", "127.0.0.1:4005", "127.0.0.1:4009"],
            [.. MembershipRing.RingMembers([
                Member(4001), Member(4009, MemberStatus.Joining), Member(4002, MemberStatus.Down), Member(4003, MemberStatus.Removed),
                Member(4004, MemberStatus.Leaving), Member(4005, MemberStatus.Exiting)])]);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(64)]
    public void Rings_of_one_to_five_members_are_claimed_for_any_ring_size(int partitions)
    {
        var claimant = new Claimant(partitions);
        for (int count = 1; count <= 5; count++)
        {
            var ring = MembershipRing.Compute(claimant, MembershipRing.RingMembers(Enumerable.Range(1, count).Select(i => Member(4000 + i))))!;
            Assert.Equal(count, ring.Members.Length);
        }
    }

    [Fact]
    public void No_members_give_no_ring()
    {
        Assert.Null(MembershipRing.Compute(new Claimant(8), []));
    }

    [Fact]
    public void Node_ids_map_back_to_member_addresses_in_the_cluster_of_self()
    {
        var address = new Address("akka.tcp", "dynamo", "10.1.2.3", 4053);
        Assert.Equal("10.1.2.3:4053", NodeIdentity.NodeIdOf(address));
        Assert.True(NodeIdentity.TryAddressOf("10.1.2.3:4053", Self, out var back));
        Assert.Equal(address, back);
        // Protocol and system name come from self: a TLS cluster's addresses stay TLS ones.
        Assert.True(NodeIdentity.TryAddressOf("10.1.2.3:4053", new Address("akka.ssl.tcp", "store", "127.0.0.1", 1), out var tls));
        Assert.Equal(new Address("akka.ssl.tcp", "store", "10.1.2.3", 4053), tls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("node1")]
    [InlineData("host:")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData(":4053")]
    public void Ids_that_are_not_host_and_port_name_no_address(string id)
    {
        Assert.False(NodeIdentity.TryAddressOf(id, Self, out _));
    }

    [Fact]
    public void A_local_address_cannot_name_a_node()
    {
        var e = Assert.Throws<ArgumentException>(() => NodeIdentity.NodeIdOf(new Address("akka", "dynamo")));
        Assert.Contains("host and port", e.Message);
    }
}
