using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster.Tests;

/// <summary>Nodes, members and gossips for tests: node i listens on port 2550 + i, so lower i is a lower address.</summary>
internal static class TestNodes
{
    public static Address AddressOf(int i) => new(Address.TcpProtocol, "dynamo", "127.0.0.1", 2550 + i);

    public static UniqueAddress Node(int i, long uid = 1) => new(AddressOf(i), uid);

    public static Member MemberOf(UniqueAddress node, MemberStatus status, int upNumber = Member.NotUpYet, params string[] roles) =>
        Member.Restore(node, status, upNumber, roles);

    public static Member MemberOf(int i, MemberStatus status, int upNumber = Member.NotUpYet) =>
        MemberOf(Node(i), status, upNumber);

    /// <summary>A gossip of the given members, at version 1 of node 1, seen by the given nodes.</summary>
    public static Gossip GossipOf(IEnumerable<Member> members, IEnumerable<UniqueAddress>? seen = null, Reachability? reachability = null) =>
        new(members.ToImmutableSortedSet(),
            new GossipOverview((seen ?? []).ToImmutableSortedSet(), reachability ?? Reachability.Empty),
            VectorClock.Empty.Increment(Node(1).VectorClockName),
            ImmutableSortedDictionary<UniqueAddress, long>.Empty);

    /// <summary>Members compared on everything that matters, since <see cref="Member"/> equality is identity only.</summary>
    public static string Describe(IEnumerable<Member> members) =>
        string.Join("; ", members.Select(m => $"{m.UniqueAddress}/{m.Status}/{m.UpNumber}/{string.Join(",", m.Roles)}"));

    public static string Describe(Reachability r) =>
        string.Join("; ", r.Records.Select(x => $"{x.Observer}>{x.Subject}:{x.Status}@{x.Version}"))
        + " | " + string.Join("; ", r.Versions.Select(kv => $"{kv.Key}@{kv.Value}"));

    public static string Describe(Gossip g) =>
        Describe(g.Members) + " || " + Describe(g.Reachability) + " || " + g.Version
        + " || " + string.Join(",", g.Tombstones.Select(kv => $"{kv.Key}@{kv.Value}"))
        + " || seen " + string.Join(",", g.SeenBy);
}
