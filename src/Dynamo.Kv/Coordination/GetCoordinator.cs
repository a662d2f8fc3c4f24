using System.Diagnostics;
using Akka.Actor;
using Dynamo.Core.Quorum;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// Coordinates one read for a client, as Riak's get FSM: asks every replica of the preference
/// list, answers once R replied with every causally-maximal value (the sync of the replies) and
/// one context covering them all, then waits for the remaining replies until its deadline and
/// sends the reconciled object to replicas that answered stale or not found (read repair).
/// </summary>
/// <remarks>
/// A key that is absent, or whose every maximal version is a tombstone, reads as not found; the
/// tombstone case still carries the context, so a write after it supersedes the delete. Replicas
/// that never answered are not repaired here: they may be down, which hinted handoff and
/// anti-entropy cover.
/// </remarks>
public sealed partial class GetCoordinator : UntypedActor, IWithTimers
{
    private readonly ReadPlan _plan;
    private readonly IActorRef _client;
    // Each replica's answer by its index in the plan; a node can hold two of a key's replicas.
    private readonly SiblingSet?[] _answers;
    private readonly long _started = Stopwatch.GetTimestamp();
    private QuorumTally _tally;
    private SiblingSet _merged = SiblingSet.Empty;
    private bool _replied;

    /// <summary>Creates a coordinator that answers <paramref name="client"/>.</summary>
    public GetCoordinator(ReadPlan plan, IActorRef client)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        _plan = plan;
        _client = client;
        _answers = new SiblingSet?[plan.Replicas.Length];
        ulong primaries = 0;
        for (int i = 0; i < plan.Replicas.Length; i++)
            if (plan.Replicas[i].IsPrimary) primaries |= 1UL << i;
        _tally = QuorumTally.Start(plan.Replicas.Length, primaries, plan.R, plan.PR);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private int Total => _tally.Replicas;

    private string What => $"get of {_plan.Bucket}/{Convert.ToHexString(_plan.Key)}";

    /// <summary>Props for a coordinator of <paramref name="plan"/> answering <paramref name="client"/>.</summary>
    public static Props Props(ReadPlan plan, IActorRef client) => CoordinatorProducer<GetCoordinator>.Props(() => new GetCoordinator(plan, client));

    // A switch rather than ReceiveActor's handler table: a coordinator lives for one request, and building the table
    // cost more than the request's own work.
    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ReplicaGetResult result: OnResult(result); break;
            case VNodeFailure failure: OnFailure(failure); break;
            case CoordinatorDeadline: Finish(); break;
            // Acknowledgements of read repair writes arrive after the reply; they need no action.
            case ReplicaPutAck: break;
            default: Unhandled(message); break;
        }
    }

    /// <summary>The reply a read gives for the reconciled <paramref name="merged"/> object.</summary>
    public static GetResult ToResult(SiblingSet merged, bool lastWriteWins)
    {
        ArgumentNullException.ThrowIfNull(merged);
        var result = new GetResult { Status = ObjectStatus.NotFound };
        if (merged.IsEmpty)
        {
            return result;
        }
        result.Context = ByteString.CopyFrom(merged.Context.ToBytes());
        IEnumerable<Sibling> maximal = lastWriteWins ? [merged.LastWriteWinsWinner()!] : merged.Siblings;
        var live = maximal.Where(s => !s.IsTombstone).ToList();
        if (live.Count == 0)
        {
            result.Status = ObjectStatus.Deleted;
            return result;
        }
        result.Status = ObjectStatus.Found;
        result.Siblings.AddRange(live.Select(s => new SiblingValue
        {
            // Sibling values are never written after construction, so the reply can share them instead of copying.
            Value = UnsafeByteOperations.UnsafeWrap(s.Value),
            ContentType = s.Metadata.ContentType,
            LastModified = s.Metadata.Timestamp,
        }));
        return result;
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_plan.R > Total)
        {
            Reply(KvFailures.QuorumNotMet(0, _plan.R, false, $"{What}: the preference list has only {Total} replicas"));
            Context.Stop(Self);
            return;
        }
        if (!PrimariesCanAnswer())
        {
            Context.Stop(Self);
            return;
        }
        Timers.StartSingleTimer(CoordinatorDeadline.Instance, CoordinatorDeadline.Instance, _plan.Timeout);
        foreach (var replica in _plan.Replicas)
        {
            replica.VNode.Tell(ReplicaMessages.Get(replica, _plan.Bucket, _plan.Key), Self);
        }
    }

    private void OnResult(ReplicaGetResult result)
    {
        if (ReplicaIndex(result.Partition) is not (>= 0 and var replica) || _answers[replica] is not null)
        {
            return;
        }
        _answers[replica] = result.Object;
        _plan.Replicas[replica].AnsweredBy(Sender);
        _tally = _tally.Succeed(replica);
        _merged = _merged.Sync(result.Object);
        if (!_replied && _tally.IsMet)
        {
            Reply(ToResult(_merged, _plan.LastWriteWins));
        }
        FinishWhenAllAnswered();
    }

    private void OnFailure(VNodeFailure failure)
    {
        if (ReplicaIndex(failure.Partition) is >= 0 and var replica) _tally = _tally.Fail(replica);
        if (!_replied && !_tally.CanMeet)
        {
            Reply(KvFailures.QuorumNotMet(_tally.Succeeded, _plan.R, false, What));
        }
        else if (!_replied && !_tally.CanMeetPrimaries)
        {
            Reply(PrimaryQuorumFailure());
        }
        FinishWhenAllAnswered();
    }

    // The tally's index of a replica, in plan order; -1 for a replica the read did not go to. By partition, as the
    // put coordinator does: the node that answers for a partition being handed off may not be the one the ring names.
    private int ReplicaIndex(int partition)
    {
        for (int i = 0; i < _plan.Replicas.Length; i++)
            if (_plan.Replicas[i].Partition == partition) return i;
        return -1;
    }

    private void FinishWhenAllAnswered()
    {
        if (_tally.AllAnswered)
        {
            Finish();
        }
    }

    private void Finish()
    {
        if (!_replied)
        {
            Reply(_tally.Succeeded >= _plan.R ? PrimaryQuorumFailure() : KvFailures.QuorumNotMet(_tally.Succeeded, _plan.R, false, What));
        }
        Timers.Cancel(CoordinatorDeadline.Instance);
        ReadRepair();
        Context.Stop(Self);
    }

    // The one place the client is answered; the first answer is the request's outcome, counted once.
    private void Reply(object message)
    {
        if (!_replied) _plan.Metrics?.Request("get", message, Stopwatch.GetElapsedTime(_started));
        _replied = true;
        // Without a sender: a client never answers its coordinator, and one in another actor system would otherwise
        // receive this short-lived actor's path with every reply and resolve it into a remote reference.
        _client.Tell(message, ActorRefs.NoSender);
    }
}
