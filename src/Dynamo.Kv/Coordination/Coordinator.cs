using System.Diagnostics;
using Akka.Actor;
using Dynamo.Kv.Batching;
using Dynamo.Kv.Diagnostics;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// One client request's state machine, as Riak's get and put FSMs. A <see cref="CoordinatorHost"/> runs it: gives it
/// the request id its replica messages carry, hands it every answer that echoes the id, tells it when its deadline
/// passed, and forgets it once it <see cref="Finish"/>ed.
/// </summary>
/// <remarks>
/// It is a plain object, not an actor: an actor per request cost its creation, its stop and its parent's notice of
/// it, and gave every request a path of its own that each remote replica resolved into a reference.
/// </remarks>
public abstract class Coordinator : INoSerializationVerificationNeeded
{
    private readonly Requester _client;
    private readonly NodeMetrics? _metrics;
    private readonly long _started = Stopwatch.GetTimestamp();
    private IActorRef _host = ActorRefs.Nobody;
    private ReplicaOutbox _outbox = null!;
    private ResultOutbox _results = null!;

    /// <summary>A coordinator that answers <paramref name="client"/> and counts its outcome in <paramref name="metrics"/>.</summary>
    protected Coordinator(Requester client, NodeMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(client.Actor, nameof(client));
        _client = client;
        _metrics = metrics;
    }

    /// <summary>How long after it starts the coordinator's deadline passes.</summary>
    public abstract TimeSpan Timeout { get; }

    /// <summary>Whether the host may forget the coordinator: it answered and expects nothing more.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>The id the host gave the request; every replica message carries it and every answer echoes it.</summary>
    protected long RequestId { get; private set; }

    /// <summary>The actor system's scheduler, for messages sent after a delay.</summary>
    protected IScheduler Scheduler { get; private set; } = null!;

    /// <summary>Whether the client has its answer.</summary>
    protected bool Replied { get; private set; }

    /// <summary>The operation the node's metrics count the request under: get, put or delete.</summary>
    protected abstract string Operation { get; }

    /// <summary>The request in words, for failures.</summary>
    protected abstract string What { get; }

    /// <summary>
    /// Starts the request as <paramref name="requestId"/> of <paramref name="host"/>, which sends to replicas through
    /// <paramref name="outbox"/> and batched requests' results through <paramref name="results"/>.
    /// </summary>
    internal void Start(long requestId, IActorRef host, ReplicaOutbox outbox, ResultOutbox results, IScheduler scheduler)
    {
        (RequestId, _host, _outbox, _results, Scheduler) = (requestId, host, outbox, results, scheduler);
        OnStart();
    }

    /// <summary>A replica answered (<paramref name="replica"/> is the actor that did).</summary>
    internal abstract void OnReply(IReplicaReply reply, IActorRef replica);

    /// <summary>The deadline passed.</summary>
    internal abstract void OnDeadline();

    /// <summary>The coordinator threw: its client learns that the outcome is unknown, and the host forgets it.</summary>
    internal void Crashed(Exception error)
    {
        Reply(KvFailures.Failed($"the coordinator of the {What} failed ({error.Message}); the outcome is unknown"));
        Finish();
    }

    /// <summary>Sends the first messages of the request.</summary>
    protected abstract void OnStart();

    /// <summary>Sends <paramref name="message"/> to <paramref name="replica"/>, answered to the host.</summary>
    protected void Tell(ReplicaTarget replica, object message) => _outbox.Send(replica, message, _host);

    /// <summary>The coordinator expects nothing more.</summary>
    protected void Finish() => IsFinished = true;

    /// <summary>Answers the client; only the first answer counts, as the request's outcome.</summary>
    protected void Reply(object message)
    {
        if (Replied) return;
        _metrics?.Request(Operation, message, Stopwatch.GetElapsedTime(_started));
        Replied = true;
        // Without a sender: a client never answers its coordinator, and one in another actor system would otherwise
        // receive the host's path with every reply and resolve it into a remote reference.
        if (_client.Batched) _results.Send(_client, message, _host);
        else _client.Tell(message, ActorRefs.NoSender);
    }
}
