using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// One node's view of the cluster, as it is gossiped: the members, who has seen this version, the
/// reachability table, the version, and the tombstones of removed incarnations. Immutable; every change
/// returns a new gossip.
/// </summary>
/// <remarks>
/// Invariants, checked on construction: no member is Removed (a removed incarnation lives only as a
/// tombstone, so an old gossip cannot bring it back), no member is tombstoned, and only members are in
/// the seen set.
/// </remarks>
public sealed class Gossip
{
    /// <summary>The gossip of a node that has not joined anything.</summary>
    public static readonly Gossip Empty = new(
        ImmutableSortedSet<Member>.Empty, GossipOverview.Empty, VectorClock.Empty, ImmutableSortedDictionary<UniqueAddress, long>.Empty);

    private readonly ImmutableDictionary<UniqueAddress, Member> _byNode;

    /// <summary>A gossip from its parts.</summary>
    /// <exception cref="ArgumentException">An invariant does not hold; the message names the member at fault.</exception>
    public Gossip(
        ImmutableSortedSet<Member> members,
        GossipOverview overview,
        VectorClock version,
        ImmutableSortedDictionary<UniqueAddress, long> tombstones)
    {
        ArgumentNullException.ThrowIfNull(members);
        Overview = overview ?? throw new ArgumentNullException(nameof(overview));
        Version = version ?? throw new ArgumentNullException(nameof(version));
        Tombstones = tombstones ?? throw new ArgumentNullException(nameof(tombstones));
        Members = members.KeyComparer == Comparer<Member>.Default ? members : members.WithComparer(Comparer<Member>.Default);
        var byNode = ImmutableDictionary.CreateBuilder<UniqueAddress, Member>();
        foreach (var m in Members)
        {
            if (m.Status == MemberStatus.Removed)
                throw new ArgumentException($"{m.UniqueAddress} is Removed; a removed member belongs in the tombstones, not the members.", nameof(members));
            if (tombstones.ContainsKey(m.UniqueAddress))
                throw new ArgumentException($"{m.UniqueAddress} is both a member and tombstoned.", nameof(members));
            byNode.Add(m.UniqueAddress, m);
        }
        _byNode = byNode.ToImmutable();
        foreach (var seen in overview.Seen)
            if (!_byNode.ContainsKey(seen))
                throw new ArgumentException($"{seen} is in the seen set but is not a member.", nameof(overview));
    }

    /// <summary>A gossip of new members, seen by nobody, at the empty version.</summary>
    public static Gossip Create(IEnumerable<Member> members) =>
        new(members.ToImmutableSortedSet(), GossipOverview.Empty, VectorClock.Empty, ImmutableSortedDictionary<UniqueAddress, long>.Empty);

    /// <summary>The members, ordered by address then uid.</summary>
    public ImmutableSortedSet<Member> Members { get; }

    /// <summary>Seen set and reachability.</summary>
    public GossipOverview Overview { get; }

    /// <summary>The version of this view.</summary>
    public VectorClock Version { get; }

    /// <summary>Removed incarnations, with when they were removed (milliseconds of the caller's clock).</summary>
    public ImmutableSortedDictionary<UniqueAddress, long> Tombstones { get; }

    /// <summary>Shortcut to <see cref="GossipOverview.Reachability"/>.</summary>
    public Reachability Reachability => Overview.Reachability;

    /// <summary>The members that have seen this version.</summary>
    public ImmutableSortedSet<UniqueAddress> SeenBy => Overview.Seen;

    /// <summary>True when <paramref name="node"/> is a member.</summary>
    public bool HasMember(UniqueAddress node) => _byNode.ContainsKey(node);

    /// <summary>The member that is <paramref name="node"/>, or null.</summary>
    public Member? FindMember(UniqueAddress node) => _byNode.GetValueOrDefault(node);

    /// <summary>The members at <paramref name="address"/> (more than one only while an old incarnation is on its way out).</summary>
    public IEnumerable<Member> MembersAt(Address address) => Members.Where(m => m.Address.Equals(address));

    /// <summary>The member that is <paramref name="node"/>.</summary>
    /// <exception cref="KeyNotFoundException">It is not a member.</exception>
    public Member GetMember(UniqueAddress node) =>
        FindMember(node) ?? throw new KeyNotFoundException($"{node} is not a member of this gossip.");

    /// <summary>True when <paramref name="node"/> has seen this version.</summary>
    public bool SeenByNode(UniqueAddress node) => Overview.Seen.Contains(node);

    /// <summary>This gossip also seen by <paramref name="node"/>.</summary>
    /// <exception cref="ArgumentException">The node is not a member.</exception>
    public Gossip Seen(UniqueAddress node) =>
        SeenByNode(node) ? this : WithOverview(Overview.WithSeen(Overview.Seen.Add(node)));

    /// <summary>This gossip seen by <paramref name="node"/> alone (what a node gossips right after changing it).</summary>
    public Gossip OnlySeen(UniqueAddress node) =>
        WithOverview(Overview.WithSeen(ImmutableSortedSet.Create(node)));

    /// <summary>This gossip seen by nobody.</summary>
    public Gossip ClearSeen() => Overview.Seen.IsEmpty ? this : WithOverview(Overview.WithSeen([]));

    /// <summary>This gossip seen by everyone who has seen it or <paramref name="other"/> (both must be the same version).</summary>
    public Gossip MergeSeen(Gossip other) =>
        WithOverview(Overview.WithSeen(Overview.Seen.Union(other.Overview.Seen.Where(HasMember))));

    /// <summary>This gossip one version later, on behalf of <paramref name="node"/>.</summary>
    public Gossip Increment(UniqueAddress node) => new(Members, Overview, Version.Increment(node.VectorClockName), Tombstones);

    /// <summary>This gossip with <paramref name="vectorClockNode"/>'s entry removed from its version.</summary>
    public Gossip Prune(string vectorClockNode)
    {
        var pruned = Version.Prune(vectorClockNode);
        return ReferenceEquals(pruned, Version) ? this : new Gossip(Members, Overview, pruned, Tombstones);
    }

    /// <summary>This gossip with <paramref name="updated"/> replacing the members of the same incarnation, or added if new.</summary>
    public Gossip Update(IEnumerable<Member> updated)
    {
        var members = Members;
        foreach (var m in updated)
            members = members.Remove(m).Add(m);
        return new Gossip(members, Overview, Version, Tombstones);
    }

    /// <summary>This gossip with another reachability table.</summary>
    public Gossip WithReachability(Reachability reachability) => WithOverview(Overview.WithReachability(reachability));

    /// <summary>This gossip with <paramref name="member"/> Down and taken out of the seen set (a downed node's view no longer counts).</summary>
    public Gossip MarkAsDown(Member member)
    {
        var current = GetMember(member.UniqueAddress);
        var down = current.WithStatus(MemberStatus.Down);
        return new Gossip(Members.Remove(current).Add(down), Overview.WithSeen(Overview.Seen.Remove(down.UniqueAddress)), Version, Tombstones);
    }

    /// <summary>
    /// This gossip without <paramref name="node"/>: out of the members, seen set, reachability table and
    /// version, and tombstoned at <paramref name="removedAtMillis"/> so that merges with older gossip do not
    /// bring it back.
    /// </summary>
    public Gossip Remove(UniqueAddress node, long removedAtMillis)
    {
        var members = FindMember(node) is { } m ? Members.Remove(m) : Members;
        var overview = new GossipOverview(Overview.Seen.Remove(node), Overview.Reachability.Remove([node]));
        return new Gossip(members, overview, Version.Prune(node.VectorClockName), Tombstones.SetItem(node, removedAtMillis));
    }

    /// <summary>This gossip forgetting tombstones older than <paramref name="removedBeforeMillis"/> (Akka prunes them after a day).</summary>
    public Gossip PruneTombstones(long removedBeforeMillis)
    {
        var kept = Tombstones.Where(kv => kv.Value >= removedBeforeMillis).ToImmutableSortedDictionary();
        return kept.Count == Tombstones.Count ? this : new Gossip(Members, Overview, Version, kept);
    }

    /// <summary>
    /// Merges two concurrent views, deterministically: versions merged and tombstoned nodes pruned from them,
    /// the member of each incarnation with the status furthest along (<see cref="Member.HighestPriorityOf"/>),
    /// tombstoned incarnations dropped, reachability merged per observer version, and nobody in the seen set
    /// since nobody has seen the result yet. Commutative, associative and idempotent on members, version,
    /// tombstones and reachability.
    /// </summary>
    public Gossip Merge(Gossip that)
    {
        var tombstones = Tombstones;
        foreach (var (node, at) in that.Tombstones)
            if (!tombstones.TryGetValue(node, out var mine) || at > mine) tombstones = tombstones.SetItem(node, at);

        var version = Version.Merge(that.Version);
        foreach (var node in tombstones.Keys) version = version.Prune(node.VectorClockName);

        var picked = new Dictionary<UniqueAddress, Member>();
        foreach (var m in Members.Concat(that.Members))
        {
            if (tombstones.ContainsKey(m.UniqueAddress)) continue;
            picked[m.UniqueAddress] = picked.TryGetValue(m.UniqueAddress, out var other) ? Member.HighestPriorityOf(other, m) : m;
        }
        var members = picked.Values.ToImmutableSortedSet();
        var reachability = Overview.Reachability.Merge(members.Select(m => m.UniqueAddress).ToImmutableSortedSet(), that.Overview.Reachability);
        return new Gossip(members, new GossipOverview([], reachability), version, tombstones);
    }

    /// <summary>
    /// Akka's convergence rule, as seen from <paramref name="self"/>: every unreachable member (ignoring
    /// observations made by Down members, and ignoring self) is Down or Exiting, and every Up or Leaving
    /// member has seen this version. Only then may the leader act.
    /// </summary>
    /// <param name="self">The node asking; its own unreachability (as others see it) does not block it.</param>
    /// <param name="exitingConfirmed">Exiting members that confirmed they are shutting down; they count as seen and as not blocking.</param>
    public bool Convergence(UniqueAddress self, IReadOnlySet<UniqueAddress>? exitingConfirmed = null)
    {
        var reachability = ReachabilityExcludingDownedObservers();
        foreach (var node in reachability.AllUnreachableOrTerminated)
        {
            if (node.Equals(self) || exitingConfirmed?.Contains(node) == true) continue;
            if (FindMember(node) is { Status: not (MemberStatus.Down or MemberStatus.Exiting) }) return false;
        }
        foreach (var m in Members)
        {
            if (m.Status is MemberStatus.Up or MemberStatus.Leaving
                && !SeenByNode(m.UniqueAddress)
                && exitingConfirmed?.Contains(m.UniqueAddress) != true)
                return false;
        }
        return true;
    }

    /// <summary>The reachability table without the observations of Down members, whose failure detectors no longer count.</summary>
    public Reachability ReachabilityExcludingDownedObservers() =>
        Overview.Reachability.RemoveObservers(Members.Where(m => m.Status == MemberStatus.Down).Select(m => m.UniqueAddress));

    /// <summary>
    /// The leader as <paramref name="self"/> sees it: the first member in address order that is reachable
    /// (self always is, to itself), not Down, and Up or Leaving. When no member is Up or Leaving — a new
    /// cluster whose first seed has only joined itself — the lowest-addressed reachable Joining member leads
    /// (Exiting members last), so that someone can move the first members to Up. Null when there are no
    /// candidates.
    /// </summary>
    public UniqueAddress? LeaderOf(UniqueAddress self)
    {
        var reachability = Overview.Reachability;
        bool allReachable = reachability.IsAllReachable;
        var candidates = Members
            .Where(m => m.Status != MemberStatus.Down)
            .Where(m => allReachable || m.UniqueAddress.Equals(self) || reachability.IsReachable(m.UniqueAddress))
            .ToList();
        if (candidates.Count == 0) return null;
        var leader = candidates.FirstOrDefault(m => m.Status is MemberStatus.Up or MemberStatus.Leaving)
            ?? candidates.OrderBy(m => m.Status == MemberStatus.Exiting ? 1 : 0).ThenBy(m => m).First();
        return leader.UniqueAddress;
    }

    private Gossip WithOverview(GossipOverview overview) => new(Members, overview, Version, Tombstones);

    /// <inheritdoc />
    public override string ToString() =>
        $"Gossip(members [{string.Join(", ", Members)}], seen [{string.Join(", ", SeenBy)}], {Version}, {Reachability})";
}
