using Dynamo.Core.Causality;
using FsCheck;
using FsCheck.Fluent;

namespace Dynamo.Core.Tests.Causality;

/// <summary>Random clocks over a small node alphabet, so that overlaps and ties are common.</summary>
internal static class ClockGenerators
{
    private static readonly Gen<(string Node, long Counter)[]> Pairs =
        from count in Gen.Choose(0, 4)
        from nodes in Gen.Shuffle(new[] { "a", "b", "c", "d", "e" })
        from counters in Gen.ArrayOf(Gen.Choose(1, 3), 5)
        select nodes.Take(count).Select((n, i) => (n, (long)counters[i])).ToArray();

    public static Arbitrary<VectorClock> VectorClocks { get; } =
        (from pairs in Pairs
         from stamp in Gen.Choose(0, 1000)
         select VectorClock.From(pairs.Select(p => new VectorClockEntry(p.Node, p.Counter, stamp)))).ToArbitrary();

    public static Arbitrary<VersionVector> VersionVectors { get; } =
        Pairs.Select(pairs => VersionVector.From(pairs.Select(p => new Dot(p.Node, p.Counter)))).ToArbitrary();
}
