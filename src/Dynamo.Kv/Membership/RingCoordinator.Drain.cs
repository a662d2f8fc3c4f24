using Akka.Event;
using Akka.Actor;
using Akka.Cluster;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Membership;

/// <summary>
/// Graceful leave as a drain, in the manner of a coordinated-shutdown phase that runs before
/// cluster-leave: a node asked to leave (<see cref="DrainNode"/>) records in its journal that it is draining
/// (<see cref="DrainRecord"/>), announces <see cref="NodeDraining"/> to every member's ring coordinator (which
/// then computes the ring without it while it is still a member), lets ownership handoff move all its partitions,
/// and only then calls <c>Cluster.Leave</c> on itself. A restart recovers the record and drains on.
/// </summary>
public sealed partial class RingCoordinator
{
    private readonly Dictionary<string, long> _draining = new(StringComparer.Ordinal);
    private readonly HashSet<string> _drainAcknowledged = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _drainRequesters = [];
    private IActorRef _drainRecord = ActorRefs.Nobody;
    private bool _selfDraining;
    private bool _drainPersisting;
    private bool _left;

    private string SelfNode => NodeIdentity.NodeIdOf(_cluster.SelfAddress);

    private void ReceiveDrain()
    {
        Receive<DrainNode>(_ => OnDrainNode());
        Receive<DrainStarted>(_ => OnDrainRecorded(null));
        Receive<DrainEnded>(_ => { });
        Receive<DrainRestored>(r => { if (r.Draining && !_selfDraining) StartDraining(); });
        Receive<Terminated>(t => t.ActorRef.Equals(_drainRecord), _ => OnDrainRecordStopped());
        Receive<NodeDraining>(OnNodeDraining);
        Receive<DrainAcknowledged>(ack => { if (ack.Draining == SelfNode) _drainAcknowledged.Add(ack.Node); });
        Receive<DrainTick>(_ => OnDrainTick());
        Receive<Transfers>(OnTransfersWhileDraining);
    }

    // The record recovers by itself and reports DrainRestored.
    private void RestoreDrain() => _drainRecord = Context.Watch(Context.ActorOf(DrainRecord.Props(), DrainRecord.Name));

    // A failed journal write stopped the record: whoever waited for it hears the failure, and a fresh record
    // (which recovers what the journal holds) takes the next request.
    private void OnDrainRecordStopped()
    {
        if (_drainPersisting)
            OnDrainRecorded(new InvalidOperationException($"node {SelfNode} could not record in its journal that it drains (see the log for the journal's error)"));
        _drainRecord = Context.Watch(Context.ActorOf(DrainRecord.Props(), DrainRecord.Name + "-" + Guid.NewGuid().ToString("N")[..8]));
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
        _drainPersisting = true;
        // Persisted before anything moves, so a restart in the middle drains on instead of taking partitions back.
        _drainRecord.Tell(DrainStarted.Instance, Self);
    }

    private void OnDrainRecorded(Exception? error)
    {
        if (!_drainPersisting) return;
        _drainPersisting = false;
        if (error is not null)
        {
            Context.System.Log.Error("Node {0} cannot drain: {1}", SelfNode, error.Message);
            foreach (var requester in _drainRequesters)
                requester.Tell(new Status.Failure(error), Self);
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
        _drainRecord.Tell(DrainEnded.Instance, Self);
    }

    private sealed class DrainTick : INoSerializationVerificationNeeded
    {
        public static readonly DrainTick Instance = new();
    }
}
