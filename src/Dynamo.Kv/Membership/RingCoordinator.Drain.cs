using Akka.Event;
using Akka.Actor;
using Akka.Cluster;
using Dynamo.Storage;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Membership;

/// <summary>
/// Graceful leave as a drain, in the manner of a coordinated-shutdown phase that runs before
/// cluster-leave: a node asked to leave (<see cref="DrainNode"/>) persists that it is draining,
/// announces <see cref="NodeDraining"/> to every member's ring coordinator (which then computes the
/// ring without it while it is still a member), lets ownership handoff move all its partitions, and
/// only then calls <c>Cluster.Leave</c> on itself. A restart reads the persisted flag and drains on.
/// </summary>
public sealed partial class RingCoordinator
{
    /// <summary>The metadata name under which a node records that it is draining.</summary>
    public const string DrainingMetadataKey = "kv.draining";

    private readonly IStoragePlugin? _storage;
    private readonly Dictionary<string, long> _draining = new(StringComparer.Ordinal);
    private readonly HashSet<string> _drainAcknowledged = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _drainRequesters = [];
    private bool _selfDraining;
    private bool _drainPersisting;
    private bool _left;

    /// <summary>Creates a coordinator that can drain this node before it leaves, keeping the draining flag in <paramref name="storage"/>.</summary>
    public RingCoordinator(Cluster cluster, IActorRef router, Claimant claimant, IStoragePlugin storage)
        : this(cluster, router, claimant)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    /// <summary>Props for a coordinator that drains this node before leaving; create it named <see cref="Name"/>.</summary>
    public static Props Props(Cluster cluster, IActorRef router, Claimant claimant, IStoragePlugin storage) =>
        Akka.Actor.Props.Create(() => new RingCoordinator(cluster, router, claimant, storage));

    private string SelfNode => NodeIdentity.NodeIdOf(_cluster.SelfAddress);

    private void ReceiveDrain()
    {
        Receive<DrainNode>(_ => OnDrainNode());
        Receive<DrainPersisted>(p => OnDrainPersisted(p));
        Receive<DrainRestored>(r => { if (r.Draining && !_selfDraining) StartDraining(); });
        Receive<NodeDraining>(OnNodeDraining);
        Receive<DrainAcknowledged>(ack => { if (ack.Draining == SelfNode) _drainAcknowledged.Add(ack.Node); });
        Receive<DrainTick>(_ => OnDrainTick());
        Receive<Transfers>(OnTransfersWhileDraining);
    }

    private void RestoreDrain()
    {
        if (_storage is null) return;
        _ = _storage.Metadata.GetAsync(DrainingMetadataKey).AsTask().PipeTo(
            Self, success: value => new DrainRestored(value is not null), failure: _ => new DrainRestored(false));
    }

    private bool IsDraining(Member member) =>
        _draining.TryGetValue(NodeIdentity.NodeIdOf(member.Address), out var uid) && uid == member.UniqueAddress.Uid;

    private void OnDrainNode()
    {
        var self = SelfNode;
        if (_selfDraining)
        {
            Sender.Tell(new DrainAccepted(self), Self);
            return;
        }
        _drainRequesters.Add(Sender);
        if (_drainPersisting) return;
        if (_storage is null)
        {
            OnDrainPersisted(new DrainPersisted(null));
            return;
        }
        _drainPersisting = true;
        // Persisted before anything moves, so a restart in the middle drains on instead of taking partitions back.
        _ = _storage.Metadata.SetAsync(DrainingMetadataKey, new byte[] { 1 }).PipeTo(
            Self, success: () => new DrainPersisted(null), failure: e => new DrainPersisted(e));
    }

    private void OnDrainPersisted(DrainPersisted persisted)
    {
        _drainPersisting = false;
        if (persisted.Error is not null)
        {
            Context.System.Log.Error("Node {0} cannot drain: recording it failed: {1}", SelfNode, persisted.Error.Message);
            foreach (var requester in _drainRequesters)
                requester.Tell(new Status.Failure(persisted.Error), Self);
            _drainRequesters.Clear();
            return;
        }
        foreach (var requester in _drainRequesters)
            requester.Tell(new DrainAccepted(SelfNode), Self);
        _drainRequesters.Clear();
        StartDraining();
    }

    private void StartDraining()
    {
        _selfDraining = true;
        _draining[SelfNode] = _cluster.SelfUniqueAddress.Uid;
        Context.System.Log.Info("Node {0} drains: its partitions are handed off before it leaves the cluster.", SelfNode);
        Recompute();
        Announce();
        Timers.StartPeriodicTimer(DrainTick.Instance, DrainTick.Instance, _cluster.Settings.GossipInterval);
    }

    private void OnNodeDraining(NodeDraining draining)
    {
        if (!_draining.TryGetValue(draining.Node, out var uid) || uid != draining.Incarnation)
        {
            _draining[draining.Node] = draining.Incarnation;
            Recompute();
        }
        Sender.Tell(new DrainAcknowledged(SelfNode, draining.Node), Self);
    }

    private void Announce()
    {
        var announcement = new NodeDraining(SelfNode, _cluster.SelfUniqueAddress.Uid);
        foreach (var member in OtherLiveMembers())
            _cluster.System.Provider.ResolveActorRef(member.Address + "/user/" + Name).Tell(announcement, Self);
    }

    private IEnumerable<Member> OtherLiveMembers()
    {
        var state = _cluster.State;
        return state.Members.Where(m =>
            !m.UniqueAddress.Equals(_cluster.SelfUniqueAddress)
            && m.Status is MemberStatus.Joining or MemberStatus.Up or MemberStatus.Leaving
            && !state.Unreachable.Contains(m));
    }

    private void OnDrainTick()
    {
        if (_left) return;
        Announce();
        // Drained only when every live member routes without this node and this node runs none of the ring.
        if (_ring is null || !_installed || _ring.Members.Contains(SelfNode)) return;
        if (!OtherLiveMembers().All(m => _drainAcknowledged.Contains(NodeIdentity.NodeIdOf(m.Address)))) return;
        Context.ActorSelection(KvPaths.RingManager).Tell(GetTransfers.Instance, Self);
    }

    private void OnTransfersWhileDraining(Transfers transfers)
    {
        // Every completed transfer deleted its partition's journal; a partition left with objects after a
        // restart shows up as a transfer of its own, so none pending means nothing is left here.
        if (!_selfDraining || _left || transfers.Items.Any(t => t.State != TransferState.Completed)) return;
        Leave();
    }

    private void Leave()
    {
        if (_left) return;
        _left = true;
        Context.System.Log.Info("Node {0} handed off every partition and leaves the cluster.", SelfNode);
        _cluster.Leave(_cluster.SelfAddress);
        if (_storage is not null) _ = _storage.Metadata.DeleteAsync(DrainingMetadataKey);
    }

    private sealed record DrainPersisted(Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record DrainRestored(bool Draining) : INoSerializationVerificationNeeded;

    private sealed class DrainTick : INoSerializationVerificationNeeded
    {
        public static readonly DrainTick Instance = new();
    }
}
