using Akka.Actor;
using Dynamo.Storage;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Routing;

/// <summary>
/// Ownership handoff: a partition that moved away keeps its vnode while an <see cref="OwnershipHandoff"/>
/// child streams it to the new owner; only when that completed is the vnode stopped (its copy was
/// deleted by then). Partitions that hold data in storage without being owned (a restart in the middle
/// of a handoff or of a drain) are handed off the same way. Answers <see cref="GetTransfers"/>.
/// </summary>
public sealed partial class RingManager
{
    private readonly HandoffWiring? _handoff;
    private readonly Dictionary<int, OutgoingTransfer> _outgoing = [];
    private readonly Dictionary<int, TransferStatus> _finished = [];
    private Ring? _lastRing;
    private HashSet<int>? _stored;
    private bool _listingStored;

    /// <summary>Creates the ring manager of <paramref name="node"/> that hands partitions off through <paramref name="handoff"/>.</summary>
    public RingManager(string node, IStoragePlugin storage, HandoffWiring handoff)
        : this(node, storage)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        _handoff = handoff;
    }

    /// <summary>Props for a ring manager that hands partitions that moved away to their new owners.</summary>
    public static Props Props(string node, IStoragePlugin storage, HandoffWiring handoff) =>
        Akka.Actor.Props.Create(() => new RingManager(node, storage, handoff));

    private void ReceiveHandoff()
    {
        Receive<TransferProgress>(OnTransferProgress);
        Receive<RearmHandoff>(r =>
        {
            if (_outgoing.TryGetValue(r.Partition, out var t) && t.Sender.Equals(Sender))
                t.VNode.Tell(new HandOffTo(t.Status.To, t.TargetVNode), Self);
        });
        Receive<StoredPartitions>(stored =>
        {
            _stored = [.. stored.Partitions];
            HandOffStored();
        });
        Receive<GetTransfers>(_ => Sender.Tell(new Transfers(_node, [
            .. _outgoing.Values.Select(o => o.Status).OrderBy(s => s.Partition),
            .. _finished.Values.OrderBy(s => s.Partition)]), Self));
    }

    private Props VNodeProps(int partition) => _handoff is null
        ? VNode.Props(_node, partition, _storage.KeyValues, _storage.Metadata)
        : VNode.Props(_node, partition, _storage.KeyValues, _storage.Metadata, _handoff);

    // Before the vnodes change: transfers whose partition came back stop; those whose target changed start over.
    private void ReviseHandoffs(Ring ring, IReadOnlySet<int> owned)
    {
        _lastRing = ring;
        if (_handoff is null) return;
        if (_stored is null && !_listingStored)
        {
            _listingStored = true;
            _ = _storage.KeyValues.ListPartitionsAsync().PipeTo(Self, success: list => new StoredPartitions(list), failure: _ => new StoredPartitions([]));
        }
        foreach (var (partition, transfer) in _outgoing.ToList())
        {
            if (owned.Contains(partition))
            {
                Context.Stop(transfer.Sender);
                transfer.VNode.Tell(CancelHandoff.Instance, Self);
                _outgoing.Remove(partition);
                _vnodes[partition] = transfer.VNode;
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

    private void HandOffStored()
    {
        if (_handoff is null || _lastRing is null || _stored is null) return;
        foreach (var partition in _stored.Order())
        {
            if (_owned.Contains(partition) || _vnodes.ContainsKey(partition) || _outgoing.ContainsKey(partition) || _stopping.ContainsValue(partition)) continue;
            var vnode = Context.ActorOf(VNodeProps(partition), KvPaths.VNodeName(partition));
            StartTransfer(partition, vnode, _lastRing.OwnerOf(partition));
        }
    }

    private void StartTransfer(int partition, IActorRef vnode, string target)
    {
        var handoff = _handoff!;
        var targetVNode = handoff.Directory.VNodeOf(target, partition) ?? Context.System.DeadLetters;
        // Only the ring manager arms and cancels the vnode's handoff mode, so those messages reach it in ring order.
        vnode.Tell(new HandOffTo(target, targetVNode), Self);
        var sender = Context.ActorOf(OwnershipHandoff.Props(_node, handoff.Incarnation, partition, target, targetVNode, vnode, _storage.KeyValues, handoff.Settings));
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
        _stored?.Remove(partition);
        Context.Watch(transfer.VNode);
        Context.Stop(transfer.VNode);
        _stopping[transfer.VNode] = partition;
    }

    private sealed record OutgoingTransfer(IActorRef VNode, IActorRef Sender, ICanTell TargetVNode, TransferStatus Status);

    private sealed record StoredPartitions(IReadOnlyList<int> Partitions) : INoSerializationVerificationNeeded;
}
