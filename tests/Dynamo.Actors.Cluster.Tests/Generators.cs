using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;

namespace Dynamo.Actors.Cluster.Tests;

/// <summary>FsCheck generators for clocks and gossips over a small universe of nodes, so generated values collide often.</summary>
internal static class Generators
{
    private static readonly string[] ClockNodes = ["a", "b", "c", "d"];

    public static Gen<VectorClock> VectorClocks =>
        Gen.ArrayOf(Gen.Choose(0, 4), ClockNodes.Length).Select(counters =>
            VectorClock.Create(ClockNodes.Zip(counters).Where(x => x.Second > 0).Select(x => KeyValuePair.Create(x.First, (long)x.Second))));

    public static Arbitrary<VectorClock> VectorClockArb => VectorClocks.ToArbitrary();

    private const int Universe = 4;

    // Roles are fixed per node: an incarnation's roles never differ between views.
    private static string[] RolesOf(int i) => i % 2 == 0 ? ["storage"] : ["storage", "api"];

    private static readonly MemberStatus[] LiveStatuses =
        [MemberStatus.Joining, MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Exiting, MemberStatus.Down];

    private sealed record Slot(int Kind, MemberStatus Status, int UpNumber, long TombstoneAt, int Counter);

    private static Gen<Slot> Slots =>
        from kind in Gen.Frequency((2, Gen.Constant(0)), (6, Gen.Constant(1)), (1, Gen.Constant(2)))
        from status in Gen.Elements(LiveStatuses)
        from up in Gen.Elements(1, 2, 3, Member.NotUpYet)
        from at in Gen.Choose(1, 5)
        from counter in Gen.Choose(0, 3)
        select new Slot(kind, status, up, at, counter);

    private sealed record Observation(int Observer, int Subject, int Status);

    private static Gen<Observation> Observations =>
        from o in Gen.Choose(1, Universe)
        from s in Gen.Choose(1, Universe)
        from st in Gen.Choose(0, 2)
        select new Observation(o, s, st);

    /// <summary>Gossips that respect the invariants real ones do: seen and reachability only about members, no tombstoned entries in the version.</summary>
    public static Gen<Gossip> Gossips =>
        from slots in Gen.ArrayOf(Slots, Universe)
        from seenMask in Gen.ArrayOf(Gen.Elements(true, false), Universe)
        from observations in Gen.ListOf(Observations).Select(l => l.Take(8).ToList())
        select Build(slots, seenMask, observations);

    public static Arbitrary<Gossip> GossipArb => Gossips.ToArbitrary();

    private static Gossip Build(Slot[] slots, bool[] seenMask, List<Observation> observations)
    {
        var members = new List<Member>();
        var tombstones = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, long>();
        var version = VectorClock.Empty;
        for (int i = 0; i < Universe; i++)
        {
            var node = TestNodes.Node(i + 1);
            var slot = slots[i];
            if (slot.Kind == 2)
            {
                tombstones[node] = slot.TombstoneAt;
                continue;
            }
            if (slot.Kind == 1) members.Add(TestNodes.MemberOf(node, slot.Status, slot.UpNumber, RolesOf(i + 1)));
            for (int c = 0; c < slot.Counter; c++) version = version.Increment(node.VectorClockName);
        }
        var memberNodes = members.Select(m => m.UniqueAddress).ToHashSet();
        var reachability = Reachability.Empty;
        foreach (var o in observations)
        {
            var observer = TestNodes.Node(o.Observer);
            var subject = TestNodes.Node(o.Subject);
            if (observer.Equals(subject) || !memberNodes.Contains(observer) || !memberNodes.Contains(subject)) continue;
            reachability = o.Status switch
            {
                0 => reachability.Reachable(observer, subject),
                1 => reachability.Unreachable(observer, subject),
                _ => reachability.Terminated(observer, subject),
            };
        }
        var seen = members.Where((m, i) => seenMask[i]).Select(m => m.UniqueAddress).ToImmutableSortedSet();
        return new Gossip(members.ToImmutableSortedSet(), new GossipOverview(seen, reachability), version, tombstones.ToImmutable());
    }
}
