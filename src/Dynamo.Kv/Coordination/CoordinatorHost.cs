using Akka.Actor;
using Akka.Event;
using Dynamo.Kv.Batching;
using Dynamo.Kv.Diagnostics;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// A long-lived actor that runs many <see cref="Coordinator"/>s at once. A coordinator sent to it starts with the next
/// request id; each replica's answer (<see cref="IReplicaReply"/>) goes to the coordinator whose id it echoes, and one
/// whose request is over or unknown is dropped, as late answers to a finished request are. The router spreads
/// requests over a few hosts, so a node's coordination uses all its cores.
/// </summary>
/// <remarks>
/// <para>
/// The replicas answer this actor, whose path a remote node resolves once and then finds in its cache; an actor per
/// request gave every request a path of its own to resolve, and cost creating and stopping it.
/// </para>
/// <para>
/// Requests for another node's replicas go through the host's <see cref="ReplicaOutbox"/>, which sends those that
/// queue up together as one batch, and answers may come back in a <see cref="ReplyBatch"/>. Results of client requests
/// that came in a batch leave through its <see cref="ResultOutbox"/>, those for one client together.
/// </para>
/// <para>
/// Each request's deadline is a timer keyed by its id, cancelled when the coordinator finishes first. A coordinator
/// that throws is answered as failed with an unknown outcome and forgotten, and the host goes on with the others.
/// </para>
/// </remarks>
public sealed class CoordinatorHost : UntypedActor, IWithTimers
{
    private readonly Dictionary<long, Coordinator> _running = [];
    private readonly ReplicaOutbox _outbox;
    private readonly ResultOutbox _results;
    // From a random start, so a host restarted by its router never reuses an id whose late answers are still coming.
    private long _lastId = Random.Shared.NextInt64(long.MaxValue / 2);

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// A host whose coordinators send their replica requests through an outbox from <paramref name="outbox"/>, a new
    /// one for every incarnation: what a failed host held back is forgotten with its requests.
    /// </summary>
    public CoordinatorHost(Func<ReplicaOutbox> outbox, NodeMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        _outbox = outbox();
        _results = new ResultOutbox(metrics);
    }

    /// <summary>
    /// Props for a host; without <paramref name="outbox"/> every request goes straight to its replica. Results of
    /// batched client requests always go back in batches, counted in <paramref name="metrics"/>.
    /// </summary>
    public static Props Props(Func<ReplicaOutbox>? outbox = null, NodeMetrics? metrics = null)
    {
        var make = outbox ?? (() => ReplicaOutbox.Unbatched);
        return Akka.Actor.Props.Create(() => new CoordinatorHost(make, metrics));
    }

    /// <summary>The current number of coordinators in flight is answered as an <see cref="int"/>.</summary>
    internal sealed record CountRunning
    {
        public static CountRunning Instance { get; } = new();
    }

    // A switch rather than ReceiveActor's handler table: every reply of every request passes here.
    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case IReplicaReply reply:
                OnReply(reply, Sender);
                break;
            case ReplyBatch batch:
                // From another node's reply channel, not from the replicas themselves: nobody to learn as a replica.
                foreach (var reply in batch.Replies) OnReply(reply, ActorRefs.Nobody);
                break;
            case ReplicaOutbox.Flush:
                _outbox.SendPending(Self);
                _results.SendPending();
                break;
            case Coordinator started: Start(started); break;
            case CoordinatorDeadline deadline:
                if (_running.TryGetValue(deadline.RequestId, out var expired)) Run(expired, deadline.RequestId, Step.Deadline);
                break;
            case CountRunning: Sender.Tell(_running.Count); break;
            default: Unhandled(message); break;
        }
    }

    private void OnReply(IReplicaReply reply, IActorRef replica)
    {
        if (_running.TryGetValue(reply.RequestId, out var coordinator)) Run(coordinator, reply.RequestId, Step.Reply, reply, replica);
    }

    private void Start(Coordinator coordinator)
    {
        var id = ++_lastId;
        _running[id] = coordinator;
        // Started before the coordinator runs, so that one finishing at once cancels it.
        Timers.StartSingleTimer(id, new CoordinatorDeadline(id), coordinator.Timeout);
        Run(coordinator, id, Step.Start);
    }

    // A step named rather than passed as a delegate: a closure per reply would be the host's only allocation.
    private void Run(Coordinator coordinator, long id, Step step, IReplicaReply? reply = null, IActorRef? replica = null)
    {
        try
        {
            switch (step)
            {
                case Step.Start: coordinator.Start(id, Self, _outbox, _results, Context.System.Scheduler); break;
                case Step.Reply: coordinator.OnReply(reply!, replica!); break;
                default: coordinator.OnDeadline(); break;
            }
        }
        catch (Exception e)
        {
            Context.GetLogger().Error(e, "A coordinator failed; its client is told the outcome is unknown.");
            coordinator.Crashed(e);
        }
        if (coordinator.IsFinished && _running.Remove(id)) Timers.Cancel(id);
    }

    private enum Step
    {
        Start,
        Reply,
        Deadline,
    }
}
