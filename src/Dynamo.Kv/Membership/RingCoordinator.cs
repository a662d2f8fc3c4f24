using Akka.Event;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Membership;

/// <summary>
/// Feeds the local router the ring that cluster membership implies (the members with the store's role): subscribed
/// to member events, it
/// recomputes the ring (<see cref="MembershipRing"/>) whenever the ring members or their claim order
/// change, and sends <see cref="RingChanged"/> to the router. Also looks once per gossip interval, as
/// gossip can change the claim order without an event. Answers <see cref="GetCurrentRing"/>.
/// </summary>
/// <remarks>
/// Partitions that move are handed off by their old owner (see <see cref="Handoff.OwnershipHandoff"/>).
/// A draining node (see RingCoordinator.Drain.cs) is left out of the ring while it is still a member.
/// </remarks>
public sealed partial class RingCoordinator : ReceiveActor, IWithTimers
{
    /// <summary>Name of the coordinator under /user.</summary>
    public const string Name = "kv-ring";

    private readonly Cluster _cluster;
    private readonly IActorRef _router;
    private readonly Claimant _claimant;
    private readonly string _storeRole;
    /// <summary>
    /// How long a node id stays in the ring after its last incarnation stopped being a member: long enough for a
    /// process restarted on the same address to join again (Akka.Cluster downs the old incarnation when the new
    /// one asks to join, and admits the new one only after the removal), so a restart does not take the node out
    /// of the ring and hand all its partitions away and back. Every node counts it from its own view of the
    /// removal, so rings agree again once the grace has passed everywhere. An operator's down of a node that
    /// stays away takes it out after this delay; a drained node has left the ring before it leaves the cluster.
    /// </summary>
    public static readonly TimeSpan RestartGrace = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, DateTimeOffset> _removedAt = new(StringComparer.Ordinal);
    private ImmutableArray<string> _claimOrder = [];
    private Ring? _ring;
    private bool _installed;

    /// <summary>
    /// Creates the coordinator feeding <paramref name="router"/> with rings of <paramref name="claimant"/>'s size over
    /// the members with <paramref name="storeRole"/>.
    /// </summary>
    public RingCoordinator(Cluster cluster, IActorRef router, Claimant claimant, string storeRole)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRole);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(claimant);
        _cluster = cluster;
        _router = router;
        _claimant = claimant;
        _storeRole = storeRole;

        // Events only say when to look: the ring is computed from the cluster's latest state, because
        // gossip can settle a member's up-number without any status change, hence without an event.
        Receive<ClusterEvent.CurrentClusterState>(_ => Recompute());
        Receive<ClusterEvent.IMemberEvent>(_ => Recompute());
        Receive<Tick>(_ => Recompute());
        Receive<RingInstalled>(installed =>
        {
            // An answer for a ring replaced meanwhile does not count: the newer one is still installing. Answers
            // come once the vnodes recovered, so an older ring's may arrive last: it never undoes a newer one's.
            if (_ring is not null && IsFor(installed, _ring)) _installed = true;
        });
        Receive<GetCurrentRing>(_ => Sender.Tell(new CurrentRing(_ring, _claimOrder, _installed), Self));
        ReceiveDrain();
    }

    /// <summary>Props for the coordinator; create it named <see cref="Name"/>.</summary>
    public static Props Props(Cluster cluster, IActorRef router, Claimant claimant, string storeRole) =>
        Akka.Actor.Props.Create(() => new RingCoordinator(cluster, router, claimant, storeRole));

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
        Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, _cluster.Settings.GossipInterval);
        RestoreDrain();
    }

    /// <inheritdoc />
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Recompute()
    {
        // Members without the store's role (a team's own services in the cluster) hold no partitions.
        var all = _cluster.State.Members.Where(m => m.HasRole(_storeRole)).ToList();
        var members = all.Where(m => !IsDraining(m)).ToList();
        var present = MembershipRing.RingMembers(members);
        var order = WithRemovedInGrace(all, present);
        if (order.SequenceEqual(_claimOrder, StringComparer.Ordinal)) return;
        _claimOrder = order;
        var ring = MembershipRing.Compute(_claimant, order);
        if (ring is null)
        {
            // No member is Up any more (this node was removed): keep routing by the last ring.
            return;
        }
        _ring = ring;
        _installed = false;
        Context.System.Log.Info("Ring of {0} partitions over [{1}] sent to the router.", ring.PartitionCount, string.Join(", ", order));
        _router.Tell(new RingChanged(ring), Self);
    }

    /// <summary>
    /// <paramref name="present"/> plus the node ids that stopped being any of <paramref name="members"/> less than
    /// <see cref="RestartGrace"/> ago, in claim order. A node that drains leaves the ring while still a member, so
    /// it gets no grace.
    /// </summary>
    private ImmutableArray<string> WithRemovedInGrace(IEnumerable<Member> members, ImmutableArray<string> present)
    {
        var now = Context.System.Scheduler.Now;
        foreach (var node in _claimOrder)
        {
            bool stillMember = members.Any(m => NodeIdentity.NodeIdOf(m.Address) == node);
            if (!stillMember && !present.Contains(node, StringComparer.Ordinal)) _removedAt.TryAdd(node, now);
        }
        foreach (var (node, removedAt) in _removedAt.ToList())
        {
            // Back as a member (its next incarnation), or gone for longer than a restart takes.
            if (present.Contains(node, StringComparer.Ordinal) || now - removedAt >= RestartGrace) _removedAt.Remove(node);
        }
        return _removedAt.Count == 0 ? present : [.. present.Concat(_removedAt.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private sealed class Tick : INoSerializationVerificationNeeded
    {
        public static readonly Tick Instance = new();
    }

    private static bool IsFor(RingInstalled installed, Ring ring) =>
        installed.Partitions.SequenceEqual(ring.PartitionsOf(installed.Node));
}
