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
/// answered or its deadline passed: reaping a delete's tombstone waits for every primary's. At the deadline
/// with fewer than W acknowledgements it answers a failure that names how many answered out of
/// how many were needed, and says the outcome is unknown: replicas that did store the write keep
/// it. Once it can no longer reach W (enough replicas failed) it answers at once.
/// </remarks>
public sealed partial class PutCoordinator : Coordinator
{
    private readonly WritePlan _plan;
    private QuorumTally _tally;
    private SiblingSet? _object;

    /// <summary>Creates a coordinator that answers <paramref name="client"/>; a <see cref="CoordinatorHost"/> runs it.</summary>
    public PutCoordinator(WritePlan plan, Requester client)
        : base(client, plan?.Metrics)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        // Replica 0 is the coordinating replica, always a primary (the router coordinates only on one); then the others in plan order.
        ulong primaries = 1;
        for (int i = 0; i < plan.Remotes.Length; i++)
            if (plan.Remotes[i].IsPrimary) primaries |= 1UL << (i + 1);
        _tally = QuorumTally.Start(1 + plan.Remotes.Length, primaries, plan.W, plan.PW);
    }

    /// <inheritdoc />
    public override TimeSpan Timeout => _plan.Timeout;

    /// <inheritdoc />
    protected override string Operation => _plan.IsDelete ? "delete" : "put";

    /// <inheritdoc />
    protected override string What => $"{Operation} of {_plan.Bucket}/{Convert.ToHexString(_plan.Key)}";

    private int Total => _tally.Replicas;

    /// <inheritdoc />
    internal override void OnReply(IReplicaReply reply, IActorRef replica)
    {
        switch (reply)
        {
            case CoordinatedPutAck ack: OnCoordinated(ack, replica); break;
            case ReplicaPutAck ack: Acked(ack.Partition, replica); break;
            case VNodeFailure failure: OnFailure(failure); break;
            case CoordinatedPutRefused refused:
                Reply(KvFailures.TooManySiblings(refused.Siblings, refused.Max, What));
                Finish();
                break;
        }
    }

    /// <inheritdoc />
    protected override void OnStart()
    {
        if (_plan.W > Total)
        {
            Reply(KvFailures.QuorumNotMet(0, _plan.W, false, $"{What}: the preference list has only {Total} replicas"));
            Finish();
            return;
        }
        if (!PrimariesCanAcknowledge())
        {
            Finish();
            return;
        }
        Tell(_plan.Local, new CoordinatedPut(_plan.Bucket, _plan.Key, _plan.Context, _plan.Value, _plan.LastWriteWins, _plan.Limits)
        {
            RequestId = RequestId,
        });
    }

    private void OnCoordinated(CoordinatedPutAck ack, IActorRef replica)
    {
        _object = ack.Object;
        foreach (var remote in _plan.Remotes)
        {
            Tell(remote, ReplicaPutFor(remote, ack.Object));
        }
        Acked(ack.Partition, replica);
    }

    private void Acked(int partition, IActorRef replica)
    {
        if (ReplicaIndex(partition) is not (>= 0 and var index)) return;
        var target = index == 0 ? _plan.Local : _plan.Remotes[index - 1];
        target.AnsweredBy(replica);
        _tally = _tally.Succeed(index);
        ReapWhenAllPrimariesAcked(target);
        if (!Replied && _tally.IsMet)
        {
            var context = ByteString.CopyFrom(_object!.Context.ToBytes());
            Reply(_plan.IsDelete ? new DeleteResult { Context = context } : new PutResult { Context = context });
        }
        FinishWhenAllAnswered();
    }

    private void OnFailure(VNodeFailure failure)
    {
        if (ReplicaIndex(failure.Partition) is >= 0 and var index) _tally = _tally.Fail(index);
        if (_object is null)
        {
            // Without the coordinating replica's object there is nothing to send to the others.
            Reply(KvFailures.QuorumNotMet(0, _plan.W, false, $"{What}: the coordinating replica failed ({failure.Reason})"));
            Finish();
            return;
        }
        if (!Replied && !_tally.CanMeet)
        {
            Reply(KvFailures.QuorumNotMet(_tally.Succeeded, _plan.W, true, What));
        }
        else if (!Replied && !_tally.CanMeetPrimaries)
        {
            Reply(PrimaryQuorumFailure(outcomeUnknown: true));
        }
        FinishWhenAllAnswered();
    }

    /// <inheritdoc />
    internal override void OnDeadline()
    {
        if (!Replied)
        {
            Reply(_object is null ? KvFailures.Timeout(_plan.Timeout, What)
                : _tally.Succeeded >= _plan.W ? PrimaryQuorumFailure(outcomeUnknown: true)
                : KvFailures.QuorumNotMet(_tally.Succeeded, _plan.W, true, What));
        }
        Finish();
    }

    private void FinishWhenAllAnswered()
    {
        if (Replied && _tally.AllAnswered)
        {
            Finish();
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
}
