using Dynamo.Core.Partitioning;
using FsCheck;
using FsCheck.Fluent;

namespace Dynamo.Core.Tests.Partitioning;

public sealed class ClaimantTests
{
    [Fact]
    public void Claim_is_deterministic_and_ignores_member_input_order()
    {
        var claimant = new Claimant(256);
        var first = claimant.Claim(null, ["c", "a", "e", "b", "d"]);
        var second = claimant.Claim(null, ["e", "d", "c", "b", "a"]);
        Assert.Equal(first.Owners.ToArray(), second.Owners.ToArray());
        Assert.Equal(claimant.Claim(first, ["a", "b", "c", "d", "e", "f"]).Owners.ToArray(),
            claimant.Claim(second, ["f", "a", "b", "c", "d", "e"]).Owners.ToArray());
    }

    [Fact]
    public void Claim_rejects_a_previous_ring_with_another_partition_count()
    {
        var previous = new Claimant(64).Stripe(["a", "b", "c", "d"]);
        var e = Assert.Throws<ArgumentException>(() => new Claimant(128).Claim(previous, ["a", "b", "c", "d"]));
        Assert.Contains("fixed when the cluster is created", e.Message);
    }

    [Fact]
    public void Claim_rejects_empty_membership()
    {
        Assert.Throws<ArgumentException>(() => new Claimant(64).Claim(null, []));
    }

    [Fact]
    public void With_more_members_than_partitions_each_partition_gets_its_own_node()
    {
        var ring = new Claimant(16).Stripe(ClaimScenario.Nodes(20));
        Assert.Equal(16, ring.Owners.Distinct().Count());
        Assert.Equal(20, ring.Members.Length);
    }

    [Fact]
    public void A_joiner_takes_its_share_and_everything_else_stays()
    {
        var claimant = new Claimant(64);
        var before = claimant.Claim(null, ClaimScenario.Nodes(8));
        var after = claimant.Claim(before, ClaimScenario.Nodes(9));
        var joiner = ClaimScenario.Node(8);
        Assert.InRange(after.PartitionsOf(joiner).Count, 7, 8);
        Assert.Equal(after.PartitionsOf(joiner).Count, before.CountMoves(after));
    }

    [Fact]
    public void Only_a_leavers_partitions_move_when_the_rest_can_absorb_them()
    {
        var claimant = new Claimant(64);
        var before = claimant.Claim(null, ClaimScenario.Nodes(16));
        var leaver = ClaimScenario.Node(5);
        var after = claimant.Claim(before, ClaimScenario.Nodes(16).Where(n => n != leaver));
        Assert.Empty(after.PartitionsOf(leaver));
        Assert.Equal(before.PartitionsOf(leaver).Count, before.CountMoves(after));
        Assert.Empty(after.WindowsWithRepeatedOwner(3));
    }

    [Fact]
    public void Balance_and_target_n_hold_for_random_membership_histories_and_adjacent_owners_differ_otherwise()
    {
        var scenario =
            from qBits in Gen.Choose(0, 12)
            from n in Gen.Choose(1, 5)
            from sizes in Gen.ListOf(Gen.Choose(1, 80)).Where(l => l.Count is > 0 and <= 4)
            select (Q: 1 << qBits, N: n, Sizes: sizes.ToArray());
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var claimant = new Claimant(s.Q, s.N);
            Ring? ring = null;
            var offset = 0;
            foreach (var size in s.Sizes)
            {
                // Shift the window of node names so steps both add and remove members.
                offset += size % 3;
                var members = Enumerable.Range(offset, size).Select(ClaimScenario.Node).ToList();
                ring = claimant.Claim(ring, members);
                var (lo, hi) = ClaimScenario.Loads(ring);
                var balanced = lo == s.Q / size && hi == (s.Q + size - 1) / size;
                var distinct = ClaimScenario.TargetNFeasible(s.Q, size, s.N)
                    ? ring.WindowsWithRepeatedOwner(s.N).Count == 0
                    : size < 2 || s.Q < 2 || s.N < 2 || ClaimScenario.AdjacentOwnersDistinct(ring);
                if (!balanced || !distinct)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
