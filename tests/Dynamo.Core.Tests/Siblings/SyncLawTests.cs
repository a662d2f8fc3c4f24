using Dynamo.Core.Siblings;
using FsCheck;
using FsCheck.Fluent;

namespace Dynamo.Core.Tests.Siblings;

public sealed class SyncLawTests
{
    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, int.MaxValue - 1).ToArbitrary();

    [Fact]
    public void Sync_is_commutative_associative_and_idempotent() =>
        Prop.ForAll(Seeds, seed =>
        {
            var r = SiblingHistory.Replicas(seed);
            var (a, b, c) = (r[0], r[1], r[2]);
            return a.Sync(b).Equals(b.Sync(a))
                   && a.Sync(b).Sync(c).Equals(a.Sync(b.Sync(c)))
                   && a.Sync(a).Equals(a)
                   && a.Sync(b).Sync(b).Equals(a.Sync(b));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Any_delivery_order_of_the_same_states_converges_to_the_same_set() =>
        Prop.ForAll(Seeds, seed =>
        {
            var states = SiblingHistory.Replicas(seed, replicaCount: 5, steps: 40);
            var random = new Random(seed);
            var reference = states.Aggregate(SiblingSet.Empty, (acc, s) => acc.Sync(s));
            for (var trial = 0; trial < 5; trial++)
            {
                // Deliver in a random order, with duplicates, folding into a random starting replica.
                var order = states.Concat(states.Take(random.Next(states.Length))).OrderBy(_ => random.Next()).ToArray();
                var merged = order.Skip(1).Aggregate(order[0], (acc, s) => random.Next(2) == 0 ? acc.Sync(s) : s.Sync(acc));
                if (!merged.Equals(reference))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Sync_keeps_exactly_the_values_no_other_replica_has_superseded() =>
        Prop.ForAll(Seeds, seed =>
        {
            var r = SiblingHistory.Replicas(seed);
            var merged = r[0].Sync(r[1]);
            var context0 = r[0].Versions.Join();
            var context1 = r[1].Versions.Join();
            var dots0 = r[0].Versions.DottedValues.Select(d => d.Dot).ToHashSet();
            var dots1 = r[1].Versions.DottedValues.Select(d => d.Dot).ToHashSet();
            var expected = dots0.Where(d => dots1.Contains(d) || !context1.Contains(d))
                .Concat(dots1.Where(d => dots0.Contains(d) || !context0.Contains(d)))
                .ToHashSet();
            return expected.SetEquals(merged.Versions.DottedValues.Select(d => d.Dot));
        }).QuickCheckThrowOnFailure();
}
