using Akka.Actor;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Diagnostics;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Batching;

/// <summary>
/// How a <see cref="CoordinatorHost"/> sends its coordinators' requests to replicas. A request for a primary on another
/// node waits until the host has handled what is already in its mailbox (a <see cref="Flush"/> the host sends itself
/// goes in behind it), and then goes with the others for that node in one <see cref="ReplicaBatch"/> to the node's
/// <see cref="ReplicaInbox"/>; a lone one goes straight to its replica, as every request does without batching.
/// </summary>
/// <remarks>
/// <para>
/// Each remote message costs Akka.Remote an envelope, a frame, copies of its bytes on the way in and a dispatch to
/// its recipient, however small the message; a batch pays that once. The batch grows with the load: an idle host
/// flushes after one request, a busy one after all the requests and answers queued for it.
/// </para>
/// <para>
/// Only requests whose answer the host waits for by id are batched. A fallback's hinted requests go straight to its
/// hinted handoff, and messages to this node's own replicas never touch the network.
/// </para>
/// </remarks>
public sealed class ReplicaOutbox
{
    private readonly string? _node;
    private readonly INodeDirectory? _directory;
    private readonly NodeMetrics? _metrics;
    // By node; null for a node that has no inbox to batch to (unknown, or this node itself).
    private readonly Dictionary<string, Pending?> _pending = new(StringComparer.Ordinal);
    private bool _flushing;

    /// <summary>An outbox that batches requests for the replicas of other nodes than <paramref name="node"/>.</summary>
    public ReplicaOutbox(string node, INodeDirectory directory, NodeMetrics? metrics = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(directory);
        (_node, _directory, _metrics) = (node, directory, metrics);
    }

    private ReplicaOutbox()
    {
    }

    /// <summary>An outbox that sends every request straight to its replica; it holds nothing, so hosts share it.</summary>
    public static ReplicaOutbox Unbatched { get; } = new();

    /// <summary>What the host (or a <see cref="ReplyChannel"/>) sends itself to send what it held back; never leaves the node.</summary>
    public sealed record Flush : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static Flush Instance { get; } = new();
    }

    /// <summary>Sends <paramref name="request"/> to <paramref name="replica"/>, answered to <paramref name="host"/>.</summary>
    public void Send(ReplicaTarget replica, object request, IActorRef host)
    {
        if (PendingFor(replica, request) is not { } pending)
        {
            replica.VNode.Tell(request, host);
            return;
        }
        pending.Requests.Add((replica, request));
        if (_flushing) return;
        _flushing = true;
        host.Tell(Flush.Instance, host);
    }

    /// <summary>Sends the requests held back, one batch per node (a lone request straight to its replica).</summary>
    public void SendPending(IActorRef host)
    {
        _flushing = false;
        foreach (var pending in _pending.Values)
        {
            if (pending is null || pending.Requests.Count == 0) continue;
            if (pending.Requests.Count == 1)
            {
                var (replica, request) = pending.Requests[0];
                replica.VNode.Tell(request, host);
                _metrics?.ReplicaBatchSent(1);
            }
            else
            {
                var entries = new ReplicaBatch.Entry[pending.Requests.Count];
                for (var i = 0; i < entries.Length; i++) entries[i] = new(pending.Requests[i].Replica.Partition, pending.Requests[i].Request);
                pending.Inbox.Tell(new ReplicaBatch([.. entries]), host);
                _metrics?.ReplicaBatchSent(entries.Length);
            }
            pending.Requests.Clear();
        }
    }

    private Pending? PendingFor(ReplicaTarget replica, object request)
    {
        if (_directory is null || !replica.IsPrimary || request is not IReplicaRequest { RequestId: not 0 } || replica.Node == _node) return null;
        if (!_pending.TryGetValue(replica.Node, out var pending))
        {
            pending = _directory.ReplicaInboxOf(replica.Node) is { } inbox ? new Pending(inbox) : null;
            _pending[replica.Node] = pending;
        }
        return pending;
    }

    private sealed class Pending(ICanTell inbox)
    {
        public ICanTell Inbox { get; } = inbox;

        public List<(ReplicaTarget Replica, object Request)> Requests { get; } = [];
    }
}
