using Dynamo.Core.Quorum;
using FsCheck;
using FsCheck.Fluent;

namespace Dynamo.Core.Tests.Quorum;

public sealed class QuorumTallyTests
{
    [Fact]
    public void A_write_with_w_two_of_three_is_met_by_the_second_acknowledgement()
    {
        var tally = QuorumTally.Start(3, 0b111, required: 2, primariesRequired: 0).Succeed(0);
        Assert.False(tally.IsMet);
        tally = tally.Succeed(2);
        Assert.True(tally.IsMet);
        Assert.False(tally.AllAnswered);
        Assert.True(tally.Fail(1).AllAnswered);
    }

    [Fact]
    public void A_replica_that_answers_twice_counts_once()
    {
        var tally = QuorumTally.Start(3, 0b111, 2, 0).Succeed(1).Succeed(1);
        Assert.Equal(1, tally.Succeeded);
        Assert.False(tally.IsMet);
    }

    [Fact]
    public void The_quorum_is_lost_once_too_many_replicas_failed()
    {
        var tally = QuorumTally.Start(3, 0b111, 2, 0).Succeed(0).Fail(1);
        Assert.True(tally.CanMeet);
        tally = tally.Fail(2);
        Assert.False(tally.CanMeet);
        Assert.Equal(1, tally.Succeeded);
        Assert.Equal(2, tally.Failed);
    }

    [Fact]
    public void Fallback_acknowledgements_count_toward_w_but_not_toward_pw()
    {
        // Replicas 0 and 1 are primaries, replica 2 a fallback standing in for the third owner.
        var tally = QuorumTally.Start(3, 0b011, required: 2, primariesRequired: 2).Succeed(0).Succeed(2);
        Assert.Equal(2, tally.Succeeded);
        Assert.False(tally.IsMet);
        Assert.True(tally.CanMeetPrimaries);
        Assert.False(tally.Fail(1).CanMeetPrimaries);
        Assert.True(tally.Succeed(1).IsMet);
    }

    [Fact]
    public void A_quorum_larger_than_the_preference_list_or_its_primaries_is_not_feasible()
    {
        Assert.False(QuorumTally.Start(2, 0b11, 3, 0).IsFeasible);
        Assert.False(QuorumTally.Start(3, 0b001, 2, 2).IsFeasible);
        Assert.True(QuorumTally.Start(3, 0b011, 2, 2).IsFeasible);
    }

    [Fact]
    public void Primary_bits_beyond_the_replicas_are_ignored()
    {
        Assert.Equal(2, QuorumTally.Start(2, ulong.MaxValue, 1, 0).PrimaryReplicas);
        Assert.Equal(64, QuorumTally.Start(64, ulong.MaxValue, 1, 0).PrimaryReplicas);
    }

    [Fact]
    public void A_replica_outside_the_list_is_refused()
    {
        var tally = QuorumTally.Start(3, 0b111, 2, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => tally.Succeed(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuorumTally.Start(65, 0, 1, 0));
    }

    [Fact]
    public void For_any_order_of_answers_the_verdicts_agree_with_counting_by_hand()
    {
        var scenario =
            from n in Gen.Choose(1, 7)
            from primaries in Gen.Choose(0, (1 << n) - 1)
            from required in Gen.Choose(0, n + 1)
            from primariesRequired in Gen.Choose(0, n + 1)
            from answers in Gen.ListOf(Gen.Zip(Gen.Choose(0, n - 1), Gen.Elements(true, false)))
            select (N: n, Primaries: (ulong)primaries, Required: required, PrimariesRequired: primariesRequired, Answers: answers.ToArray());
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var tally = QuorumTally.Start(s.N, s.Primaries, s.Required, s.PrimariesRequired);
            var succeeded = new HashSet<int>();
            var failed = new HashSet<int>();
            bool wasMet = false;
            foreach (var (replica, success) in s.Answers)
            {
                tally = success ? tally.Succeed(replica) : tally.Fail(replica);
                (success ? succeeded : failed).Add(replica);
                failed.ExceptWith(succeeded);
                bool IsPrimary(int r) => (s.Primaries >> r & 1) == 1;
                int primarySuccesses = succeeded.Count(IsPrimary);
                int primaryFailures = failed.Count(IsPrimary);
                int primaryReplicas = Enumerable.Range(0, s.N).Count(IsPrimary);
                bool met = succeeded.Count >= s.Required && primarySuccesses >= s.PrimariesRequired;
                if (tally.IsMet != met) return false;
                if (tally.CanMeet != (s.N - failed.Count >= s.Required)) return false;
                if (tally.CanMeetPrimaries != (primaryReplicas - primaryFailures >= s.PrimariesRequired)) return false;
                if (tally.AllAnswered != (succeeded.Count + failed.Count == s.N)) return false;
                // Once met, a quorum stays met: a later failure of another replica cannot undo an answer.
                if (wasMet && !tally.IsMet) return false;
                wasMet = tally.IsMet;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
