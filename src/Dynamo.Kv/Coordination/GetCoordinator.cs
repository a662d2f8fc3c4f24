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
public sealed partial class GetCoordinator : Coordinator
{
    private readonly ReadPlan _plan;
    // Each replica's answer by its index in the plan; a node can hold two of a key's replicas.
    private readonly SiblingSet?[] _answers;
    private QuorumTally _tally;
    private SiblingSet _merged = SiblingSet.Empty;

    /// <summary>Creates a coordinator that answers <paramref name="client"/>; a <see cref="CoordinatorHost"/> runs it.</summary>
    public GetCoordinator(ReadPlan plan, Requester client)
        : base(client, plan?.Metrics)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        _answers = new SiblingSet?[plan.Replicas.Length];
        ulong primaries = 0;
        for (int i = 0; i < plan.Replicas.Length; i++)
            if (plan.Replicas[i].IsPrimary) primaries |= 1UL << i;
        _tally = QuorumTally.Start(plan.Replicas.Length, primaries, plan.R, plan.PR);
    }

    /// <inheritdoc />
    public override TimeSpan Timeout => _plan.Timeout;

    /// <inheritdoc />
    protected override string Operation => "get";

    /// <inheritdoc />
    protected override string What => $"get of {_plan.Bucket}/{Convert.ToHexString(_plan.Key)}";

    private int Total => _tally.Replicas;

    /// <inheritdoc />
    internal override void OnReply(IReplicaReply reply, IActorRef replica)
    {
        switch (reply)
        {
            case ReplicaGetResult result: OnResult(result, replica); break;
            case VNodeFailure failure: OnFailure(failure); break;
        }
    }

    /// <inheritdoc />
    internal override void OnDeadline() => Complete();

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
    protected override void OnStart()
    {
        if (_plan.R > Total)
        {
            Reply(KvFailures.QuorumNotMet(0, _plan.R, false, $"{What}: the preference list has only {Total} replicas"));
            Finish();
            return;
        }
        if (!PrimariesCanAnswer())
        {
            Finish();
            return;
        }
        foreach (var replica in _plan.Replicas)
        {
            Tell(replica, ReplicaMessages.Get(replica, _plan.Bucket, _plan.Key, RequestId));
        }
    }

    private void OnResult(ReplicaGetResult result, IActorRef replica)
    {
        if (ReplicaIndex(result.Partition) is not (>= 0 and var index) || _answers[index] is not null)
        {
            return;
        }
        SiblingSet stored;
        try
        {
            stored = result.Object;
        }
        catch (InvalidSiblingSetException e)
        {
            // A vnode on this node answers with its stored bytes undecoded: unreadable ones are that replica's failure,
            // and the others can still make R. (From another node they are refused where they arrive.)
            OnFailure(new VNodeFailure(result.Node, result.Partition, $"the object stored on {result.Node} is unreadable: {e.Message}"));
            return;
        }
        _answers[index] = stored;
        _plan.Replicas[index].AnsweredBy(replica);
        _tally = _tally.Succeed(index);
        _merged = _merged.Sync(stored);
        if (!Replied && _tally.IsMet)
        {
            Reply(ToResult(_merged, _plan.LastWriteWins));
        }
        FinishWhenAllAnswered();
    }

    private void OnFailure(VNodeFailure failure)
    {
        if (ReplicaIndex(failure.Partition) is >= 0 and var replica) _tally = _tally.Fail(replica);
        if (!Replied && !_tally.CanMeet)
        {
            Reply(KvFailures.QuorumNotMet(_tally.Succeeded, _plan.R, false, What));
        }
        else if (!Replied && !_tally.CanMeetPrimaries)
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
            Complete();
        }
    }

    // Every replica answered or the deadline passed: answer if still unanswered, then repair.
    private void Complete()
    {
        if (!Replied)
        {
            Reply(_tally.Succeeded >= _plan.R ? PrimaryQuorumFailure() : KvFailures.QuorumNotMet(_tally.Succeeded, _plan.R, false, What));
        }
        ReadRepair();
        Finish();
    }
}
