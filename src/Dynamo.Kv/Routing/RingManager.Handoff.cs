using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Routing;

/// <summary>
/// Ownership handoff: a partition that moved away keeps its vnode while an <see cref="OwnershipHandoff"/>
/// child streams it to the new owner; only when that completed is the vnode stopped (its copy was
/// deleted by then). Partitions that hold data in the journal without being owned (a restart in the middle
/// of a handoff or of a drain) are handed off the same way: on the first ring, every partition this node
/// does not own gets a vnode that recovers and says whether it holds anything. Answers <see cref="GetTransfers"/>.
/// </summary>
public sealed partial class RingManager
{
    private readonly HandoffWiring? _handoff;
    private readonly Dictionary<int, OutgoingTransfer> _outgoing = [];
    private readonly Dictionary<int, TransferStatus> _finished = [];
    private Ring? _lastRing;
    private readonly Dictionary<int, IActorRef> _probing = [];
    private bool _probed;

    /// <summary>Creates the ring manager of <paramref name="node"/> that hands partitions off through <paramref name="handoff"/>.</summary>
    public RingManager(string node, VNodeSettings settings, HandoffWiring handoff)
        : this(node, settings)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        _handoff = handoff;
    }

    /// <summary>Props for a ring manager that hands partitions that moved away to their new owners.</summary>
    public static Props Props(string node, VNodeSettings settings, HandoffWiring handoff) =>
        Akka.Actor.Props.Create(() => new RingManager(node, settings, handoff));

    private void ReceiveHandoff()
    {
        Receive<TransferProgress>(OnTransferProgress);
        Receive<RearmHandoff>(r =>
        {
            if (_outgoing.TryGetValue(r.Partition, out var t) && t.Sender.Equals(Sender))
                t.VNode.Tell(new HandOffTo(t.Status.To, t.TargetVNode), Self);
        });
        Receive<ObjectsHeld>(OnObjectsHeld);
        // A partition still being checked for leftover objects counts as a transfer not started yet, so a
        // draining node never leaves before it knows what it holds.
        Receive<GetTransfers>(_ => Sender.Tell(new Transfers(_node, [
            .. _outgoing.Values.Select(o => o.Status).OrderBy(s => s.Partition),
            .. _probing.Keys.Order().Select(p => new TransferStatus(p, _node, "", 0, TransferState.Starting, 0, "checking the journal for objects left here")),
            .. _finished.Values.OrderBy(s => s.Partition)]), Self));
    }

    private Props VNodeProps(int partition, bool owner) => VNode.Props(_node, partition, _settings, _cache, _handoff, owner);

    // Before the vnodes change: transfers whose partition came back stop; those whose target changed start over.
    private void ReviseHandoffs(Ring ring, IReadOnlySet<int> owned)
    {
        _lastRing = ring;
        if (_handoff is null) return;
        if (!_probed)
        {
            _probed = true;
            ProbeUnowned(ring, owned);
        }
        foreach (var (partition, transfer) in _outgoing.ToList())
        {
            if (owned.Contains(partition))
            {
                Context.Stop(transfer.Sender);
                _outgoing.Remove(partition);
                Adopt(partition, transfer.VNode);
            }
            else if (!string.Equals(ring.OwnerOf(partition), transfer.Status.To, StringComparison.Ordinal))
            {
                Context.Stop(transfer.Sender);
                StartTransfer(partition, transfer.VNode, ring.OwnerOf(partition));
            }
        }
    }

    // A vnode whose partition moved away: hand it off instead of stopping it (false when handoff is off).
    private bool HandOff(int partition, IActorRef vnode, Ring ring)
    {
        if (_handoff is null) return false;
        StartTransfer(partition, vnode, ring.OwnerOf(partition));
        return true;
    }

    // A vnode per unowned partition recovers from the journal; those holding objects are handed off, the rest stop.
    private void ProbeUnowned(Ring ring, IReadOnlySet<int> owned)
    {
        for (var partition = 0; partition < ring.PartitionCount; partition++)
        {
            if (owned.Contains(partition) || _vnodes.ContainsKey(partition) || _stopping.ContainsValue(partition)) continue;
            var vnode = Context.ActorOf(VNodeProps(partition, owner: false), KvPaths.VNodeName(partition));
            _probing[partition] = vnode;
            vnode.Tell(HoldsObjects.Instance, Self);
        }
    }

    private void OnObjectsHeld(ObjectsHeld held)
    {
        if (!_probing.Remove(held.Partition, out var vnode) || !vnode.Equals(Sender)) return;
        if (_owned.Contains(held.Partition) && !_vnodes.ContainsKey(held.Partition))
        {
            // Owned again meanwhile: the probe is the partition's vnode now.
            Adopt(held.Partition, vnode);
        }
        else if (held.Keys > 0 && _handoff is not null && _lastRing is not null && !_owned.Contains(held.Partition))
        {
            StartTransfer(held.Partition, vnode, _lastRing.OwnerOf(held.Partition));
        }
        else
        {
            Context.Watch(vnode);
            Context.Stop(vnode);
            _stopping[vnode] = held.Partition;
        }
    }

    // A vnode started for something else (handing the partition off, or seeing what it held) serves it as its owner.
    private void Adopt(int partition, IActorRef vnode)
    {
        _vnodes[partition] = vnode;
        vnode.Tell(ServePartition.Instance, Self);
    }

    private void StartTransfer(int partition, IActorRef vnode, string target)
    {
        var handoff = _handoff!;
        var targetVNode = handoff.Directory.VNodeOf(target, partition) ?? Context.System.DeadLetters;
        // Only the ring manager arms and cancels the vnode's handoff mode, so those messages reach it in ring order.
        vnode.Tell(new HandOffTo(target, targetVNode), Self);
        var sender = Context.ActorOf(OwnershipHandoff.Props(_node, handoff.Incarnation, partition, target, targetVNode, vnode, handoff.Settings));
        _outgoing[partition] = new OutgoingTransfer(vnode, sender, targetVNode, new TransferStatus(partition, _node, target, 0, TransferState.Starting, 0, null));
        _finished.Remove(partition);
    }

    private void OnTransferProgress(TransferProgress progress)
    {
        var partition = progress.Status.Partition;
        if (!_outgoing.TryGetValue(partition, out var transfer) || !transfer.Sender.Equals(Sender)) return;
        if (progress.Status.State != TransferState.Completed)
        {
            _outgoing[partition] = transfer with { Status = progress.Status };
            return;
        }
        // The receiver confirmed the whole partition and the local copy is gone: the vnode has nothing left to serve.
        _outgoing.Remove(partition);
        _finished[partition] = progress.Status;
        Context.Watch(transfer.VNode);
        Context.Stop(transfer.VNode);
        _stopping[transfer.VNode] = partition;
    }

    private sealed record OutgoingTransfer(IActorRef VNode, IActorRef Sender, ICanTell TargetVNode, TransferStatus Status);
}
