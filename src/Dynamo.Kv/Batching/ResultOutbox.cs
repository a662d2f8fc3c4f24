using Akka.Actor;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Diagnostics;
using Dynamo.Protocol;

namespace Dynamo.Kv.Batching;

/// <summary>
/// How a <see cref="CoordinatorHost"/> answers requests that came in a client's <see cref="RequestBatch"/>: a result
/// waits until the host has handled what is already in its mailbox (the same <see cref="ReplicaOutbox.Flush"/> the
/// host sends itself), and then goes with the others for that client in one <see cref="ResultBatch"/>.
/// </summary>
/// <remarks>
/// The host finishes many coordinators in one go when a batch of replicas' answers reaches it, so their results
/// leave together: one remote message to the client rather than one each, which is what a batch of requests saves on
/// the way in too.
/// </remarks>
public sealed class ResultOutbox(NodeMetrics? metrics = null)
{
    private readonly Dictionary<IActorRef, ResultBatch> _pending = [];
    private bool _flushing;

    /// <summary>Holds <paramref name="result"/> for <paramref name="requester"/>'s batch, flushed by <paramref name="host"/>.</summary>
    public void Send(Requester requester, object result, IActorRef host)
    {
        if (!_pending.TryGetValue(requester.Actor, out var batch))
        {
            batch = new ResultBatch();
            _pending[requester.Actor] = batch;
        }
        batch.Results.Add(requester.Entry(result));
        if (_flushing) return;
        _flushing = true;
        host.Tell(ReplicaOutbox.Flush.Instance, host);
    }

    /// <summary>Sends the results held back, one batch per client.</summary>
    public void SendPending()
    {
        _flushing = false;
        if (_pending.Count == 0) return;
        foreach (var (client, batch) in _pending)
        {
            // Without a sender, as every answer to a client: it would resolve the host's path for nothing.
            client.Tell(batch, ActorRefs.NoSender);
            metrics?.ResultBatchSent(batch.Results.Count);
        }
        _pending.Clear();
    }
}
