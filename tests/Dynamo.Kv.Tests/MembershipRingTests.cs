using Dynamo.Actors;
using Dynamo.Actors.Cluster;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Membership;

namespace Dynamo.Kv.Tests;

public sealed class MembershipRingTests
{
    private static Member UpMember(int port, int upNumber) =>
        Member.Create(new UniqueAddress(new Address(Address.TcpProtocol, "dynamo", "127.0.0.1", port), port * 10L)).WithUp(upNumber);

    [Fact]
    public void Every_view_of_the_same_members_gives_the_same_ring()
    {
        var claimant = new Claimant(64);
        Member[] members = [UpMember(4003, 3), UpMember(4001, 1), UpMember(4002, 2)];
        var one = MembershipRing.Compute(claimant, MembershipRing.RingMembers(members));
        var other = MembershipRing.Compute(claimant, MembershipRing.RingMembers(members.Reverse()));
        Assert.NotNull(one);
        Assert.Equal([.. one!.Owners], [.. other!.Owners]);
        Assert.Equal(["127.0.0.1:4001", "127.0.0.1:4002", "127.0.0.1:4003"], [.. MembershipRing.RingMembers(members)]);
    }

    [Fact]
    public void A_joiner_takes_partitions_without_reshuffling_the_rest()
    {
        var claimant = new Claimant(64);
        Member[] three = [UpMember(4001, 1), UpMember(4002, 2), UpMember(4003, 3)];
        var before = MembershipRing.Compute(claimant, MembershipRing.RingMembers(three))!;
        var after = MembershipRing.Compute(claimant, MembershipRing.RingMembers([.. three, UpMember(4004, 4)]))!;
        // The joiner's share is a quarter (plus a few moves to keep N owners distinct); a fresh stripe of four would move most partitions.
        Assert.True(before.CountMoves(after) < 64 / 2, $"{before.CountMoves(after)} partitions moved");
        Assert.Equal(16, after.PartitionsOf("127.0.0.1:4004").Count);
    }

    [Fact]
    public void Joining_and_removed_members_are_not_ring_members_but_down_ones_stay_until_removed()
    {
        var joining = Member.Create(new UniqueAddress(new Address(Address.TcpProtocol, "dynamo", "127.0.0.1", 4009), 1));
        var down = UpMember(4002, 2).WithStatus(MemberStatus.Down);
        var removed = UpMember(4003, 3).WithStatus(MemberStatus.Removed);
        var leaving = UpMember(4004, 4).WithStatus(MemberStatus.Leaving);
        Assert.Equal(["127.0.0.1:4001", "127.0.0.1:4002", "127.0.0.1:4004"],
            [.. MembershipRing.RingMembers([UpMember(4001, 1), joining, down, removed, leaving])]);
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
            var ring = MembershipRing.Compute(claimant, MembershipRing.RingMembers(Enumerable.Range(1, count).Select(i => UpMember(4000 + i, i))))!;
            Assert.Equal(count, ring.Members.Length);
        }
    }

    [Fact]
    public void No_members_give_no_ring()
    {
        Assert.Null(MembershipRing.Compute(new Claimant(8), []));
    }

    [Fact]
    public void Node_ids_map_back_to_member_addresses()
    {
        var address = new Address(Address.TcpProtocol, "dynamo", "10.1.2.3", 4053);
        Assert.Equal("10.1.2.3:4053", NodeIdentity.NodeIdOf(address));
        Assert.True(NodeIdentity.TryAddressOf("10.1.2.3:4053", "dynamo", out var back));
        Assert.Equal(address, back);
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
        Assert.False(NodeIdentity.TryAddressOf(id, "dynamo", out _));
    }

    [Fact]
    public void A_local_address_cannot_name_a_node()
    {
        var e = Assert.Throws<ArgumentException>(() => NodeIdentity.NodeIdOf(new Address(Address.LocalProtocol, "dynamo")));
        Assert.Contains("host and port", e.Message);
    }
}
