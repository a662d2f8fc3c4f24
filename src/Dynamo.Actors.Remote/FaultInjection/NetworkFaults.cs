using System.Collections.Immutable;

namespace Dynamo.Actors.Remote.FaultInjection;

/// <summary>
/// The fault plan shared by every <see cref="FaultInjectingTransport"/> of a test, switchable at run time like
/// Akka's TestConductor: blackhole, drop a seeded fraction, delay, or partition chosen links, then heal them.
/// Links are directed, from one system address to another.
/// </summary>
public sealed class NetworkFaults
{
    private readonly Random _random;
    private ImmutableDictionary<(Address From, Address To), LinkFault> _links = ImmutableDictionary<(Address, Address), LinkFault>.Empty;

    /// <summary>Creates a plan with every link healthy; <paramref name="seed"/> makes drops reproducible.</summary>
    public NetworkFaults(int seed) => _random = new Random(seed);

    /// <summary>The fault on the link from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public LinkFault For(Address from, Address to) =>
        Volatile.Read(ref _links).TryGetValue((from, to), out var fault) ? fault : LinkFault.None;

    /// <summary>Sets the fault between <paramref name="node"/> and <paramref name="peer"/> in the given direction, replacing what was there.</summary>
    public void Set(Address node, Address peer, ThrottleDirection direction, LinkFault fault)
    {
        if (fault.DropFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fault), $"Drop fraction must be within 0..1, was {fault.DropFraction}.");
        if (fault.Delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(fault), $"Delay must not be negative, was {fault.Delay}.");
        ImmutableInterlocked.Update(ref _links, links =>
        {
            if (direction is ThrottleDirection.Send or ThrottleDirection.Both) links = Put(links, (node, peer), fault);
            if (direction is ThrottleDirection.Receive or ThrottleDirection.Both) links = Put(links, (peer, node), fault);
            return links;
        });
    }

    /// <summary>Loses every frame between the two systems in the given direction.</summary>
    public void Blackhole(Address node, Address peer, ThrottleDirection direction = ThrottleDirection.Both) =>
        Set(node, peer, direction, new LinkFault(Blackhole: true));

    /// <summary>Loses <paramref name="fraction"/> of the frames between the two systems in the given direction.</summary>
    public void Drop(Address node, Address peer, double fraction, ThrottleDirection direction = ThrottleDirection.Both) =>
        Set(node, peer, direction, new LinkFault(DropFraction: fraction));

    /// <summary>Delays every frame between the two systems by <paramref name="delay"/> in the given direction.</summary>
    public void Delay(Address node, Address peer, TimeSpan delay, ThrottleDirection direction = ThrottleDirection.Both) =>
        Set(node, peer, direction, new LinkFault(Delay: delay));

    /// <summary>Blackholes every link between a system of <paramref name="side"/> and one of <paramref name="otherSide"/>, both ways.</summary>
    public void Partition(IEnumerable<Address> side, IEnumerable<Address> otherSide)
    {
        var others = otherSide.ToList();
        foreach (var a in side)
            foreach (var b in others)
                Blackhole(a, b);
    }

    /// <summary>Heals the link between the two systems in the given direction.</summary>
    public void Heal(Address node, Address peer, ThrottleDirection direction = ThrottleDirection.Both) =>
        Set(node, peer, direction, LinkFault.None);

    /// <summary>Heals every link.</summary>
    public void HealAll() => Volatile.Write(ref _links, ImmutableDictionary<(Address, Address), LinkFault>.Empty);

    /// <summary>Draws whether a frame on a link losing <paramref name="fraction"/> of its frames is lost.</summary>
    internal bool ShouldDrop(double fraction)
    {
        if (fraction <= 0) return false;
        if (fraction >= 1) return true;
        lock (_random) return _random.NextDouble() < fraction;
    }

    private static ImmutableDictionary<(Address, Address), LinkFault> Put(
        ImmutableDictionary<(Address, Address), LinkFault> links, (Address, Address) key, LinkFault fault) =>
        fault.IsNone ? links.Remove(key) : links.SetItem(key, fault);
}
