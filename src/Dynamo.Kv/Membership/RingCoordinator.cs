using System.Collections.Immutable;
using Dynamo.Actors;
using Dynamo.Actors.Cluster;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Membership;

/// <summary>
/// Feeds the local router the ring that cluster membership implies: subscribed to member events, it
/// recomputes the ring (<see cref="MembershipRing"/>) whenever the set of ring members changes and
/// sends <see cref="RingChanged"/> to the router. Answers <see cref="GetCurrentRing"/>.
/// </summary>
/// <remarks>
/// Partitions that move start empty on their new owner: ownership handoff, which streams a
/// partition's data from the old owner, is not wired yet. Reads on such a partition find data
/// through the other replicas, and read repair fills the new owner key by key.
/// </remarks>
public sealed class RingCoordinator : ReceiveActor
{
    /// <summary>Name of the coordinator under /user.</summary>
    public const string Name = "kv-ring";

    private readonly Cluster _cluster;
    private readonly IActorRef _router;
    private readonly Claimant _claimant;
    private ImmutableDictionary<UniqueAddress, Member> _members = ImmutableDictionary<UniqueAddress, Member>.Empty;
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

        Receive<CurrentClusterState>(state =>
        {
            _members = state.Members.ToImmutableDictionary(m => m.UniqueAddress);
            Recompute();
        });
        Receive<MemberRemoved>(removed =>
        {
            _members = _members.Remove(removed.Member.UniqueAddress);
            Recompute();
        });
        Receive<MemberEvent>(changed =>
        {
            // Members are equal whatever their status, so SetItem would keep the old one: replace it.
            _members = _members.Remove(changed.Member.UniqueAddress).Add(changed.Member.UniqueAddress, changed.Member);
            Recompute();
        });
        Receive<RingInstalled>(installed =>
        {
            // An answer for a ring replaced meanwhile does not count: the newer one is still installing.
            _installed = _ring is not null && IsFor(installed, _ring);
        });
        Receive<GetCurrentRing>(_ => Sender.Tell(new CurrentRing(_ring, _claimOrder, _installed), Self));
    }

    /// <summary>Props for the coordinator; create it named <see cref="Name"/>.</summary>
    public static Props Props(Cluster cluster, IActorRef router, Claimant claimant) =>
        Actors.Props.Create(() => new RingCoordinator(cluster, router, claimant));

    /// <inheritdoc />
    protected override void PreStart() => _cluster.Subscribe(Self, ClusterSubscriptionInitialState.AsSnapshot, typeof(MemberEvent));

    /// <inheritdoc />
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Recompute()
    {
        var order = MembershipRing.RingMembers(_members.Values);
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

    private static bool IsFor(RingInstalled installed, Ring ring) =>
        installed.Partitions.SequenceEqual(ring.PartitionsOf(installed.Node));
}
