using Dynamo.Core.Causality;
using FsCheck;
using FsCheck.Fluent;

namespace Dynamo.Core.Tests.Causality;

public sealed class ClockLawTests
{
    private static readonly Arbitrary<VectorClock> Clocks = ClockGenerators.VectorClocks;
    private static readonly Arbitrary<VersionVector> Vectors = ClockGenerators.VersionVectors;

    private static bool LessOrEqual(VectorClock a, VectorClock b) => a.Compare(b) is CausalOrder.Before or CausalOrder.Equal;

    [Fact]
    public void Clock_order_is_reflexive() =>
        Prop.ForAll(Clocks, a => a.Compare(a) == CausalOrder.Equal).QuickCheckThrowOnFailure();

    [Fact]
    public void Clock_order_is_antisymmetric() =>
        Prop.ForAll(Clocks, Clocks, (a, b) =>
            (!LessOrEqual(a, b) || !LessOrEqual(b, a) || a.Equals(b))
            && a.Compare(b) == Mirror(b.Compare(a))).QuickCheckThrowOnFailure();

    [Fact]
    public void Clock_order_is_transitive() =>
        Prop.ForAll(Clocks, Clocks, Clocks, (a, b, c) =>
        {
            // Random triples rarely chain, so build a chain from them too.
            var ab = a.Merge(b);
            var abc = ab.Merge(c);
            var chained = LessOrEqual(a, ab) && LessOrEqual(ab, abc) && LessOrEqual(a, abc);
            var given = !(LessOrEqual(a, b) && LessOrEqual(b, c)) || LessOrEqual(a, c);
            return chained && given;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Clock_merge_is_commutative_associative_idempotent_and_a_least_upper_bound() =>
        Prop.ForAll(Clocks, Clocks, Clocks, (a, b, c) =>
            a.Merge(b).Equals(b.Merge(a))
            && a.Merge(b).Merge(c).Equals(a.Merge(b.Merge(c)))
            && a.Merge(a).Equals(a)
            && a.Merge(b).Descends(a) && a.Merge(b).Descends(b)
            && (!(c.Descends(a) && c.Descends(b)) || c.Descends(a.Merge(b)))).QuickCheckThrowOnFailure();

    [Fact]
    public void Version_vector_order_and_merge_obey_the_same_laws() =>
        Prop.ForAll(Vectors, Vectors, Vectors, (a, b, c) =>
            a.Compare(a) == CausalOrder.Equal
            && a.Compare(b) == Mirror(b.Compare(a))
            && a.Merge(b).Equals(b.Merge(a))
            && a.Merge(b).Merge(c).Equals(a.Merge(b.Merge(c)))
            && a.Merge(a).Equals(a)
            && a.Merge(b).Descends(a) && a.Merge(b).Descends(b)
            && (!(a.Descends(b) && b.Descends(c)) || a.Descends(c))).QuickCheckThrowOnFailure();

    private static CausalOrder Mirror(CausalOrder order) => order switch
    {
        CausalOrder.Before => CausalOrder.After,
        CausalOrder.After => CausalOrder.Before,
        _ => order,
    };
}
