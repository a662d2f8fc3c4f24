using System.Diagnostics;
using Akka.Actor;
using Dynamo.Core.Quorum;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// Coordinates one write (or delete) for a client, as the paper's coordinator and Riak's put FSM:
/// the coordinating node's own replica applies the write first (advancing causality with its
/// id) and persists it; the resulting object then goes to the other N-1 replicas; the client
/// gets its answer once W replicas, the coordinator's included, acknowledged durably.
/// </summary>
/// <remarks>
/// After answering, the coordinator keeps listening for late acknowledgements until every replica
/// answered or its deadline passed, so that late replies are not dead letters. At the deadline
/// with fewer than W acknowledgements it answers a failure that names how many answered out of
/// how many were needed, and says the outcome is unknown: replicas that did store the write keep
/// it. Once it can no longer reach W (enough replicas failed) it answers at once.
/// </remarks>
public sealed partial class PutCoordinator : UntypedActor, IWithTimers
{
    private readonly WritePlan _plan;
    private readonly IActorRef _client;
    private readonly long _started = Stopwatch.GetTimestamp();
    private QuorumTally _tally;
    private SiblingSet? _object;
    private bool _replied;

    /// <summary>Creates a coordinator that answers <paramref name="client"/>.</summary>
    public PutCoordinator(WritePlan plan, IActorRef client)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        _plan = plan;
        _client = client;
        // Replica 0 is the coordinating replica, always a primary (the router coordinates only on one); then the others in plan order.
        ulong primaries = 1;
        for (int i = 0; i < plan.Remotes.Length; i++)
            if (plan.Remotes[i].IsPrimary) primaries |= 1UL << (i + 1);
        _tally = QuorumTally.Start(1 + plan.Remotes.Length, primaries, plan.W, plan.PW);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private int Total => _tally.Replicas;

    private string What => $"{(_plan.IsDelete ? "delete" : "put")} of {_plan.Bucket}/{Convert.ToHexString(_plan.Key)}";

    /// <summary>Props for a coordinator of <paramref name="plan"/> answering <paramref name="client"/>.</summary>
    public static Props Props(WritePlan plan, IActorRef client) => CoordinatorProducer<PutCoordinator>.Props(() => new PutCoordinator(plan, client));

    // A switch rather than ReceiveActor's handler table: a coordinator lives for one request, and building the table
    // cost more than the request's own work.
    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case CoordinatedPutAck ack: OnCoordinated(ack); break;
            case ReplicaPutAck ack: Acked(ack.Partition); break;
            case VNodeFailure failure: OnFailure(failure); break;
            case CoordinatedPutRefused refused:
                Reply(KvFailures.TooManySiblings(refused.Siblings, refused.Max, What));
                Context.Stop(Self);
                break;
            case CoordinatorDeadline: OnDeadline(); break;
            default: Unhandled(message); break;
        }
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_plan.W > Total)
        {
            Reply(KvFailures.QuorumNotMet(0, _plan.W, false, $"{What}: the preference list has only {Total} replicas"));
            Context.Stop(Self);
            return;
        }
        if (!PrimariesCanAcknowledge())
        {
            Context.Stop(Self);
            return;
        }
        Timers.StartSingleTimer(CoordinatorDeadline.Instance, CoordinatorDeadline.Instance, _plan.Timeout);
        _plan.Local.VNode.Tell(new CoordinatedPut(_plan.Bucket, _plan.Key, _plan.Context, _plan.Value, _plan.LastWriteWins, _plan.Limits), Self);
    }

    private void OnCoordinated(CoordinatedPutAck ack)
    {
        _object = ack.Object;
        foreach (var replica in _plan.Remotes)
        {
            replica.VNode.Tell(ReplicaPutFor(replica, ack.Object), Self);
        }
        Acked(ack.Partition);
    }

    private void Acked(int partition)
    {
        if (ReplicaIndex(partition) is not (>= 0 and var replica)) return;
        var target = replica == 0 ? _plan.Local : _plan.Remotes[replica - 1];
        target.AnsweredBy(Sender);
        _tally = _tally.Succeed(replica);
        ReapWhenAllPrimariesAcked(target);
        if (!_replied && _tally.IsMet)
        {
            var context = ByteString.CopyFrom(_object!.Context.ToBytes());
            Reply(_plan.IsDelete ? new DeleteResult { Context = context } : new PutResult { Context = context });
        }
        StopWhenAllAnswered();
    }

    private void OnFailure(VNodeFailure failure)
    {
        if (ReplicaIndex(failure.Partition) is >= 0 and var replica) _tally = _tally.Fail(replica);
        if (_object is null)
        {
            // Without the coordinating replica's object there is nothing to send to the others.
            Reply(KvFailures.QuorumNotMet(0, _plan.W, false, $"{What}: the coordinating replica failed ({failure.Reason})"));
            Context.Stop(Self);
            return;
        }
        if (!_replied && !_tally.CanMeet)
        {
            Reply(KvFailures.QuorumNotMet(_tally.Succeeded, _plan.W, true, What));
        }
        else if (!_replied && !_tally.CanMeetPrimaries)
        {
            Reply(PrimaryQuorumFailure(outcomeUnknown: true));
        }
        StopWhenAllAnswered();
    }

    private void OnDeadline()
    {
        if (!_replied)
        {
            Reply(_object is null ? KvFailures.Timeout(_plan.Timeout, What)
                : _tally.Succeeded >= _plan.W ? PrimaryQuorumFailure(outcomeUnknown: true)
                : KvFailures.QuorumNotMet(_tally.Succeeded, _plan.W, true, What));
        }
        Context.Stop(Self);
    }

    private void StopWhenAllAnswered()
    {
        if (_replied && _tally.AllAnswered)
        {
            Context.Stop(Self);
        }
    }

    // The tally's index of a replica: 0 for the coordinating one, then the others in plan order; -1 for a stranger.
    // Replicas are told apart by partition, the one thing every entry of a preference list has of its own: the node
    // that answers may not be the one the ring names, while the partition's data is handed off (see VNodeEntity).
    private int ReplicaIndex(int partition)
    {
        if (partition == _plan.Local.Partition) return 0;
        for (int i = 0; i < _plan.Remotes.Length; i++)
            if (_plan.Remotes[i].Partition == partition) return i + 1;
        return -1;
    }

    private void Reply(object message)
    {
        // Counted once: the first answer is the request's outcome.
        if (!_replied) _plan.Metrics?.Request(_plan.IsDelete ? "delete" : "put", message, Stopwatch.GetElapsedTime(_started));
        _replied = true;
        // Without a sender: a client never answers its coordinator, and one in another actor system would otherwise
        // receive this short-lived actor's path with every reply and resolve it into a remote reference.
        _client.Tell(message, ActorRefs.NoSender);
    }
}
