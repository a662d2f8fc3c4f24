using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// One node's membership: its own incarnation and its latest gossip, with every membership move as a pure
/// function returning the next state. The cluster daemon owns one, feeds it what arrives (joins, gossip,
/// failure-detector verdicts, operator commands, leader ticks) and ships <see cref="LatestGossip"/>.
/// </summary>
/// <remarks>
/// A change made by this node (join, leave, down, reachability, leader actions) advances the version on
/// this node's behalf and leaves the gossip seen by this node only, so that convergence then waits for the
/// others to see the change. No clock is read: times come in as milliseconds of the caller's clock.
/// </remarks>
public sealed class MembershipState
{
    /// <summary>A state from its parts.</summary>
    public MembershipState(UniqueAddress selfUniqueAddress, Gossip latestGossip)
    {
        SelfUniqueAddress = selfUniqueAddress ?? throw new ArgumentNullException(nameof(selfUniqueAddress));
        LatestGossip = latestGossip ?? throw new ArgumentNullException(nameof(latestGossip));
    }

    /// <summary>The state of a node that has not joined a cluster yet.</summary>
    public static MembershipState Initial(UniqueAddress self) => new(self, Gossip.Empty);

    /// <summary>This node's incarnation.</summary>
    public UniqueAddress SelfUniqueAddress { get; }

    /// <summary>This node's view of the cluster.</summary>
    public Gossip LatestGossip { get; }

    /// <summary>The members in address order.</summary>
    public ImmutableSortedSet<Member> Members => LatestGossip.Members;

    /// <summary>This node as a member; null until it has joined (or once removed).</summary>
    public Member? SelfMember => LatestGossip.FindMember(SelfUniqueAddress);

    /// <summary>The leader as this node sees it (see <see cref="Gossip.LeaderOf"/>).</summary>
    public UniqueAddress? Leader => LatestGossip.LeaderOf(SelfUniqueAddress);

    /// <summary>True when this node is the leader.</summary>
    public bool IsLeader => SelfUniqueAddress.Equals(Leader);

    /// <summary>True when the convergence rule holds (see <see cref="Gossip.Convergence"/>).</summary>
    public bool Convergence(IReadOnlySet<UniqueAddress>? exitingConfirmed = null) =>
        LatestGossip.Convergence(SelfUniqueAddress, exitingConfirmed);

    /// <summary>
    /// Members worth gossiping to: everyone but this node and the members this node's own failure detector
    /// reports unreachable. The daemon picks among them with its (injected) random source.
    /// </summary>
    public ImmutableArray<UniqueAddress> GossipTargets =>
        [.. Members.Select(m => m.UniqueAddress)
            .Where(n => !n.Equals(SelfUniqueAddress) && LatestGossip.Reachability.IsReachable(SelfUniqueAddress, n))];

    /// <summary>
    /// Handles a join request from <paramref name="node"/>. The first seed joins itself to start a cluster;
    /// any other join is handled by a member. A retried join of the same incarnation changes nothing; a new
    /// incarnation at the address of a member gets the old one marked Terminated and Down and joins beside it
    /// at once. The leader then removes the old incarnation in the same step that moves the new one Up, with
    /// the old one's up-number (see <see cref="LeaderActions"/>).
    /// </summary>
    /// <remarks>
    /// Akka makes the new incarnation retry until the old one is removed, which leaves a moment when the node
    /// is no member at all and, once it is Up again, makes it the youngest member. Anything derived from
    /// membership in up-number order (the key-value store's ring) would then change twice for a mere restart.
    /// Joining beside the downed predecessor and inheriting its up-number keeps the node's place throughout.
    /// </remarks>
    /// <exception cref="InvalidOperationException">This node is not a member and <paramref name="node"/> is not itself.</exception>
    public JoinResult Join(UniqueAddress node, IEnumerable<string>? roles = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        bool selfIsMember = LatestGossip.HasMember(SelfUniqueAddress);
        if (!selfIsMember && !node.Equals(SelfUniqueAddress))
            throw new InvalidOperationException($"{SelfUniqueAddress} is not a cluster member and cannot accept a join from {node}.");
        if (LatestGossip.Tombstones.ContainsKey(node))
            return new JoinResult(this, JoinOutcome.RejectedRemovedIncarnation);

        var atAddress = LatestGossip.MembersAt(node.Address).ToList();
        if (atAddress.Any(m => m.UniqueAddress.Equals(node)))
            return new JoinResult(this, JoinOutcome.AlreadyMember);
        if (atAddress.Count > 0)
        {
            var gossip = LatestGossip;
            foreach (var old in atAddress.Where(m => m.Status != MemberStatus.Down))
            {
                // The old incarnation is certainly dead: its address answers with a new uid.
                var reachability = old.UniqueAddress.Equals(SelfUniqueAddress)
                    ? gossip.Reachability
                    : gossip.Reachability.Terminated(SelfUniqueAddress, old.UniqueAddress);
                gossip = gossip.WithReachability(reachability).MarkAsDown(old);
            }
            return new JoinResult(Changed(gossip.Update([Member.Create(node, roles)])), JoinOutcome.PreviousIncarnationDowned);
        }
        var joined = LatestGossip.Update([Member.Create(node, roles)]);
        return new JoinResult(Changed(joined), JoinOutcome.Added);
    }

    /// <summary>
    /// Adopts the gossip a member sent back to accept this node's join. A repeated welcome after joining is
    /// handled as ordinary gossip.
    /// </summary>
    /// <exception cref="ArgumentException">The gossip does not list this node or the sender as members.</exception>
    public MembershipState Welcome(Gossip gossip, UniqueAddress from)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        if (!gossip.HasMember(SelfUniqueAddress))
            throw new ArgumentException($"Welcome from {from} does not list {SelfUniqueAddress} as a member.", nameof(gossip));
        if (!gossip.HasMember(from))
            throw new ArgumentException($"Welcome from {from} does not list its sender as a member.", nameof(from));
        if (LatestGossip.HasMember(SelfUniqueAddress)) return ReceiveGossip(gossip, from).State;
        return new MembershipState(SelfUniqueAddress, gossip.Seen(SelfUniqueAddress));
    }

    /// <summary>
    /// Marks the member at <paramref name="address"/> Leaving (an operator's graceful leave). Idempotent for
    /// a member already Leaving, Exiting or Down.
    /// </summary>
    /// <exception cref="ArgumentException">No member has that address.</exception>
    public MembershipState Leave(Address address)
    {
        var members = RequireMembersAt(address, "leave");
        var leaving = members.Where(m => m.Status is MemberStatus.Joining or MemberStatus.Up)
            .Select(m => m.WithStatus(MemberStatus.Leaving)).ToList();
        return leaving.Count == 0 ? this : Changed(LatestGossip.Update(leaving));
    }

    /// <summary>
    /// Marks the member at <paramref name="address"/> Down (an operator's decision, or auto-down): the
    /// leader will remove it on convergence. Idempotent for a member already Down.
    /// </summary>
    /// <exception cref="ArgumentException">No member has that address.</exception>
    public MembershipState Down(Address address)
    {
        var gossip = LatestGossip;
        foreach (var m in RequireMembersAt(address, "down").Where(m => m.Status != MemberStatus.Down))
            gossip = gossip.MarkAsDown(m);
        return ReferenceEquals(gossip, LatestGossip) ? this : Changed(gossip);
    }

    /// <summary>Records that <paramref name="observer"/>'s failure detector gave up on <paramref name="subject"/>.</summary>
    /// <exception cref="ArgumentException">Either node is not a member, or they are the same node.</exception>
    public MembershipState MarkUnreachable(UniqueAddress observer, UniqueAddress subject) =>
        ChangeReachability(observer, subject, (r, o, s) => r.Unreachable(o, s));

    /// <summary>Records that <paramref name="observer"/> hears <paramref name="subject"/> again.</summary>
    /// <exception cref="ArgumentException">Either node is not a member, or they are the same node.</exception>
    public MembershipState MarkReachable(UniqueAddress observer, UniqueAddress subject) =>
        ChangeReachability(observer, subject, (r, o, s) => r.Reachable(o, s));

    private MembershipState ChangeReachability(UniqueAddress observer, UniqueAddress subject, Func<Reachability, UniqueAddress, UniqueAddress, Reachability> change)
    {
        RequireMember(observer, "observer");
        RequireMember(subject, "subject");
        var reachability = change(LatestGossip.Reachability, observer, subject);
        return ReferenceEquals(reachability, LatestGossip.Reachability) ? this : Changed(LatestGossip.WithReachability(reachability));
    }

    /// <summary>
    /// Applies a gossip received from <paramref name="from"/>: newer replaces ours, older is ignored in
    /// favour of ours, same merges the seen sets, concurrent is merged. The result is marked seen by this
    /// node. Gossip is ignored when this node has not joined, when it does not list this node (this
    /// incarnation was removed, or never welcomed), or when it comes from a node that is not a member or
    /// that this node reports unreachable.
    /// </summary>
    public GossipReceiveResult ReceiveGossip(Gossip remote, UniqueAddress from)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(from);
        var local = LatestGossip;
        if (!local.HasMember(SelfUniqueAddress))
            return Ignored($"{SelfUniqueAddress} is not a member yet");
        if (remote.Tombstones.ContainsKey(SelfUniqueAddress))
            return Ignored($"{SelfUniqueAddress} was removed from the cluster in the gossip from {from}");
        if (!remote.HasMember(SelfUniqueAddress))
            return Ignored($"the gossip from {from} does not list {SelfUniqueAddress}");
        if (!local.HasMember(from))
            return Ignored($"{from} is not a member");
        if (!local.Reachability.IsReachable(SelfUniqueAddress, from))
            return Ignored($"{SelfUniqueAddress} reports {from} unreachable");

        var (winning, outcome, talkback) = remote.Version.CompareTo(local.Version) switch
        {
            VectorClockOrdering.Same => (remote.MergeSeen(local), GossipOutcome.Same, !remote.SeenByNode(SelfUniqueAddress)),
            VectorClockOrdering.Before => (local, GossipOutcome.Older, true),
            VectorClockOrdering.After => (remote, GossipOutcome.Newer, !remote.SeenByNode(SelfUniqueAddress)),
            _ => (remote.Merge(local), GossipOutcome.Merge, true),
        };
        return new GossipReceiveResult(new MembershipState(SelfUniqueAddress, winning.Seen(SelfUniqueAddress)), outcome, talkback);
    }

    /// <summary>
    /// The leader's periodic actions, taken only by the leader and only on convergence: Joining → Up with
    /// increasing up-numbers (once at least <paramref name="minNrOfMembers"/> members are Joining or Up),
    /// Leaving → Exiting, and Exiting or Down → Removed once that member has seen its own status or is
    /// unreachable (a removed member is tombstoned at <paramref name="nowMillis"/>).
    /// </summary>
    /// <remarks>
    /// A Joining incarnation beside older incarnations at its address (a restart, see <see cref="Join"/>) moves
    /// Up only once every one of them is Down and removable, in the same step that removes them, and takes the
    /// lowest up-number among them that reached Up: the restarted node keeps its age. A downed predecessor is
    /// kept until then, so no view ever shows the node without an incarnation that carries its up-number.
    /// </remarks>
    /// <param name="nowMillis">The caller's clock, stamped on tombstones.</param>
    /// <param name="minNrOfMembers">Akka's min-nr-of-members: no one moves to Up before the cluster has this many.</param>
    /// <param name="exitingConfirmed">Exiting members that confirmed they are shutting down (removed without waiting).</param>
    public LeaderActionsResult LeaderActions(long nowMillis, int minNrOfMembers = 1, IReadOnlySet<UniqueAddress>? exitingConfirmed = null)
    {
        if (!IsLeader || !Convergence(exitingConfirmed)) return new LeaderActionsResult(this, []);

        var gossip = LatestGossip;
        var unreachable = gossip.Reachability.AllUnreachableOrTerminated;
        bool enoughMembers = Members.Count(m => m.Status is MemberStatus.Joining or MemberStatus.Up) >= minNrOfMembers;
        // Up-numbers may repeat those of removed members: they only order the members present.
        int upNumber = Members.Where(m => m.UpNumber != Member.NotUpYet).Select(m => m.UpNumber).DefaultIfEmpty(0).Max();

        bool Removable(Member m) =>
            m.Status is MemberStatus.Exiting or MemberStatus.Down
            && (gossip.SeenByNode(m.UniqueAddress) || unreachable.Contains(m.UniqueAddress) || exitingConfirmed?.Contains(m.UniqueAddress) == true);

        var changes = ImmutableArray.CreateBuilder<MemberStatusChange>();
        var removed = new List<Member>();
        // Addresses where a new incarnation waits beside older ones that cannot all go yet: those stay too.
        var waiting = new HashSet<Address>();
        foreach (var m in Members.Where(m => m.Status == MemberStatus.Joining))
        {
            var predecessors = gossip.MembersAt(m.Address).Where(p => !p.Equals(m) && p.Status != MemberStatus.Joining).ToList();
            if (!enoughMembers || !predecessors.All(p => p.Status == MemberStatus.Down && Removable(p)))
            {
                if (predecessors.Count > 0) waiting.Add(m.Address);
                continue;
            }
            int inherited = predecessors.Select(p => p.UpNumber).DefaultIfEmpty(Member.NotUpYet).Min();
            changes.Add(new MemberStatusChange(m, m.WithUp(inherited != Member.NotUpYet ? inherited : ++upNumber)));
        }
        foreach (var m in Members)
        {
            if (m.Status == MemberStatus.Leaving)
                changes.Add(new MemberStatusChange(m, m.WithStatus(MemberStatus.Exiting)));
            else if (Removable(m) && !waiting.Contains(m.Address))
                removed.Add(m);
        }
        if (changes.Count == 0 && removed.Count == 0) return new LeaderActionsResult(this, []);

        gossip = gossip.Update(changes.Select(c => c.Current));
        foreach (var m in removed)
        {
            gossip = gossip.Remove(m.UniqueAddress, nowMillis);
            changes.Add(new MemberStatusChange(m, m.WithStatus(MemberStatus.Removed)));
        }
        return new LeaderActionsResult(Changed(gossip), changes.ToImmutable());
    }

    /// <summary>Forgets tombstones older than <paramref name="removedBeforeMillis"/>; a local clean-up, not a new version.</summary>
    public MembershipState PruneTombstones(long removedBeforeMillis)
    {
        var pruned = LatestGossip.PruneTombstones(removedBeforeMillis);
        return ReferenceEquals(pruned, LatestGossip) ? this : new MembershipState(SelfUniqueAddress, pruned);
    }

    // A change made here: a new version on this node's behalf, seen by this node alone.
    private MembershipState Changed(Gossip gossip)
    {
        var versioned = gossip.Increment(SelfUniqueAddress);
        return new MembershipState(SelfUniqueAddress, versioned.HasMember(SelfUniqueAddress) ? versioned.OnlySeen(SelfUniqueAddress) : versioned.ClearSeen());
    }

    private GossipReceiveResult Ignored(string reason) => new(this, GossipOutcome.Ignored, false, reason);

    private List<Member> RequireMembersAt(Address address, string action)
    {
        ArgumentNullException.ThrowIfNull(address);
        var members = LatestGossip.MembersAt(address).ToList();
        if (members.Count == 0)
            throw new ArgumentException($"Cannot {action} {address}: it is not a member of the cluster.", nameof(address));
        return members;
    }

    private void RequireMember(UniqueAddress node, string role)
    {
        if (!LatestGossip.HasMember(node))
            throw new ArgumentException($"The {role} {node} is not a member of the cluster.", role);
    }

    /// <inheritdoc />
    public override string ToString() => $"MembershipState({SelfUniqueAddress}, {LatestGossip})";
}
