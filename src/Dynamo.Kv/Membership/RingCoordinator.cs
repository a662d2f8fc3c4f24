using System.Collections.Immutable;
using Dynamo.Actors;
using Dynamo.Actors.Cluster;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Membership;

/// <summary>
/// Feeds the local router the ring that cluster membership implies: subscribed to member events, it
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
    private ImmutableArray<string> _claimOrder = [];
    private Ring? _ring;
    private bool _installed;

    /// <summary>Creates the coordinator feeding <paramref name="router"/> with rings of <paramref name="claimant"/>'s size.</summary>
    public RingCoordinator(Cluster cluster, IActorRef router, Claimant claimant)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(claimant);
        _cluster = cluster;
        _router = router;
        _claimant = claimant;

        // Events only say when to look: the ring is computed from the cluster's latest state, because
        // gossip can settle a member's up-number without any status change, hence without an event.
        Receive<CurrentClusterState>(_ => Recompute());
        Receive<MemberEvent>(_ => Recompute());
        Receive<Tick>(_ => Recompute());
        Receive<RingInstalled>(installed =>
        {
            // An answer for a ring replaced meanwhile does not count: the newer one is still installing.
            _installed = _ring is not null && IsFor(installed, _ring);
        });
        Receive<GetCurrentRing>(_ => Sender.Tell(new CurrentRing(_ring, _claimOrder, _installed), Self));
        ReceiveDrain();
    }

    /// <summary>Props for the coordinator; create it named <see cref="Name"/>.</summary>
    public static Props Props(Cluster cluster, IActorRef router, Claimant claimant) =>
        Actors.Props.Create(() => new RingCoordinator(cluster, router, claimant));

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterSubscriptionInitialState.AsSnapshot, typeof(MemberEvent));
        Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, _cluster.Settings.GossipInterval);
        RestoreDrain();
    }

    /// <inheritdoc />
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Recompute()
    {
        var order = MembershipRing.RingMembers(_cluster.State.Members.Where(m => !IsDraining(m)));
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

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private static bool IsFor(RingInstalled installed, Ring ring) =>
        installed.Partitions.SequenceEqual(ring.PartitionsOf(installed.Node));
}
