using Akka.Event;
using System.Collections.Immutable;
using Akka.Actor;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Handoff;

/// <summary>
/// Streams one partition from its old owner (this node) to its new owner's vnode, a child of the
/// ring manager for as long as the transfer runs. Steps, each acknowledged before the next:
/// <see cref="HandoffBegin"/>; the partition's objects in key order, <see cref="HandoffSettings.BatchSize"/>
/// per <see cref="HandoffBatch"/>; then the keys the old vnode wrote meanwhile, until it is sealed and
/// forwards every later write itself; then <see cref="HandoffFinish"/>. Only after the receiver
/// confirmed the finish, and only when that receiver is another node — other node id and other
/// actor system uid than this one — is the local copy deleted and the ring manager told.
/// </summary>
/// <remarks>
/// <para>
/// Any failure (a timeout, a refusal, an unreadable page, a receiver whose uid changed because it
/// restarted, this node restarting) starts a new attempt after <see cref="HandoffSettings.RetryInterval"/>,
/// which resumes rather than starting over. The receiver is the authority on what it durably holds: each
/// fold batch carries a <see cref="HandoffFold"/> (the fold's mark and the last key it covered), which the
/// receiving vnode persists after the batch's objects, and it answers the next <see cref="HandoffBegin"/>
/// from this node with the last one it holds. The fold's mark is the old vnode's highest journal sequence
/// number when the first attempt's fold began, and the old vnode's key index names per key the sequence
/// number of its latest event. So a resumed attempt folds on after the receiver's key, and sends again,
/// as keys written during the transfer, the keys up to there whose latest event is above the mark: written
/// since the earlier fold read them, by then or while this node was down, when the in-memory record of
/// keys written meanwhile may have been lost. The old vnode answers that list in the same step in which it
/// is already tracking its writes, so no write falls between the two (<see cref="PlanFold"/>). Compaction
/// copying an object makes its key look newer: it is sent again, which is harmless.
/// </para>
/// <para>
/// A new attempt starts from the beginning when the receiver holds no progress from this node (an
/// in-memory journal lost it on restart, or the last transfer finished), or when its mark is above this
/// journal's highest sequence number (another numbering: a journal that started over). Everything is safe
/// to receive twice because the receiver merges causally: an object received twice changes nothing.
/// A receiver that turns out to be this very node is refused for good and nothing is deleted.
/// </para>
/// </remarks>
public sealed class OwnershipHandoff : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan SealRetry = TimeSpan.FromMilliseconds(50);

    private readonly string _self;
    private readonly long _incarnation;
    private readonly int _partition;
    private readonly string _target;
    private readonly ICanTell _targetVNode;
    private readonly IActorRef _source;
    private readonly HandoffSettings _settings;
    private readonly Queue<byte[]> _dirty = new();

    private string _transferId = "";
    private long _sequence;
    private long _receiverIncarnation;
    private ReadOnlyMemory<byte> _from = Array.Empty<byte>();
    private bool _folding;
    private long _pendingCount;
    private bool _askingDirty;
    private long _sent;
    private long _mark;
    private long _skipped;
    private int _attempts;
    private TransferState _state = TransferState.Starting;
    private string? _lastError;

    /// <summary>Creates the sender of <paramref name="partition"/> from <paramref name="self"/> to <paramref name="target"/>.</summary>
    public OwnershipHandoff(string self, long incarnation, int partition, string target, ICanTell targetVNode, IActorRef sourceVNode, HandoffSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(self);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentNullException.ThrowIfNull(targetVNode);
        ArgumentNullException.ThrowIfNull(sourceVNode);
        ArgumentNullException.ThrowIfNull(settings);
        _self = self;
        _incarnation = incarnation;
        _partition = partition;
        _target = target;
        _targetVNode = targetVNode;
        _source = sourceVNode;
        _settings = settings;

        Receive<Restart>(_ => Begin());
        Receive<HandoffAccepted>(OnAccepted);
        Receive<HandoffRefused>(r => { if (r.TransferId == _transferId) Fail($"{r.Node} refused: {r.Reason}"); });
        Receive<Planned>(OnPlanned);
        Receive<Page>(OnPage);
        Receive<HandoffDirty>(OnDirty);
        Receive<TakeDirtyAgain>(_ => AskDirty());
        Receive<StepTimeout>(t => { if (t.TransferId == _transferId) Fail($"no answer from {_target} within {_settings.AckTimeout.TotalMilliseconds:0} ms"); });
        Receive<Dropped>(OnDropped);
    }

    /// <summary>Props for the sender of <paramref name="partition"/> to <paramref name="target"/>.</summary>
    public static Props Props(string self, long incarnation, int partition, string target, ICanTell targetVNode, IActorRef sourceVNode, HandoffSettings settings) =>
        Akka.Actor.Props.Create(() => new OwnershipHandoff(self, incarnation, partition, target, targetVNode, sourceVNode, settings));

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => Begin();

    private TransferStatus Status => new(_partition, _self, _target, _sent, _state, _attempts, _lastError, _skipped);

    private void Begin()
    {
        if (string.Equals(_target, _self, StringComparison.Ordinal))
        {
            Refuse($"partition {_partition} would be handed off to {_self} itself");
            return;
        }
        _attempts++;
        _transferId = $"{_self}/{_partition}/{_incarnation}/{_attempts}";
        _sequence = 0;
        _sent = 0;
        _mark = 0;
        _skipped = 0;
        _from = Array.Empty<byte>();
        _folding = true;
        _pendingCount = 0;
        _askingDirty = false;
        _dirty.Clear();
        _state = TransferState.Starting;
        Report();
        Send(new HandoffBegin(_transferId, _partition, _self, _incarnation));
    }

    private void Send(object step)
    {
        _targetVNode.Tell(step, Self);
        Timers.StartSingleTimer(StepTimeout.Key, new StepTimeout(_transferId), _settings.AckTimeout);
    }

    private void OnAccepted(HandoffAccepted accepted)
    {
        if (accepted.TransferId != _transferId || accepted.Sequence != _sequence || accepted.Partition != _partition) return;
        Timers.Cancel(StepTimeout.Key);
        if (string.Equals(accepted.Node, _self, StringComparison.Ordinal) || accepted.Incarnation == _incarnation)
        {
            Refuse($"the receiver of partition {_partition} answered as {accepted.Node}#{accepted.Incarnation}, which is this node ({_self}#{_incarnation})");
            return;
        }
        if (!string.Equals(accepted.Node, _target, StringComparison.Ordinal))
        {
            Fail($"the receiver answered as {accepted.Node}, not the new owner {_target}");
            return;
        }
        if (_state == TransferState.Starting)
        {
            _receiverIncarnation = accepted.Incarnation;
            // The old vnode decides where the fold starts: from the beginning, or after what the receiver holds.
            var id = _transferId;
            _ = _source.Ask(new PlanFold(accepted.Resume), _settings.AckTimeout).PipeTo(
                Self,
                success: reply => reply is FoldPlan plan
                    ? new Planned(id, plan, null)
                    : new Planned(id, null, new InvalidOperationException(reply is VNodeFailure f ? f.Reason : $"unexpected {reply.GetType().Name}")),
                failure: e => new Planned(id, null, e));
            return;
        }
        if (accepted.Incarnation != _receiverIncarnation)
        {
            // The receiver restarted: what it acknowledged before may be gone with an in-memory store.
            Fail($"the receiver {_target} restarted during the transfer");
            return;
        }
        if (accepted.Finished)
        {
            if (_state != TransferState.Finishing) return;
            // Verified: another node, the same incarnation that accepted every batch. Only now let go.
            _ = _source.Ask(DropReplica.Instance, _settings.AckTimeout).PipeTo(
                Self,
                success: reply => new Dropped(reply is VNodeFailure f ? new InvalidOperationException(f.Reason) : null),
                failure: e => new Dropped(e));
            return;
        }
        Diagnostics.KvMetrics.For(Context.System, _self).HandoffObjects(_pendingCount);
        _sent += _pendingCount;
        _pendingCount = 0;
        Report();
        Continue();
    }

    private void OnPlanned(Planned planned)
    {
        if (planned.TransferId != _transferId || _state != TransferState.Starting) return;
        if (planned.Plan is not { } plan)
        {
            Fail($"planning the fold of partition {_partition} failed: {planned.Error?.Message}");
            return;
        }
        if (!plan.Tracking)
        {
            // The vnode restarted and forgot the handoff: the parent arms it again before the next attempt.
            Context.Parent.Tell(new RearmHandoff(_partition), Self);
            Fail($"the vnode of partition {_partition} restarted and forgot which keys it wrote");
            return;
        }
        _mark = plan.Mark;
        _from = plan.From;
        _skipped = plan.Skipped;
        foreach (var key in plan.Rewritten) _dirty.Enqueue(key);
        if (plan.From.Length > 0)
        {
            Context.System.Log.Info("Handoff of partition {0} from {1} to {2} resumes where attempt {3} left off: {4} objects held there already, {5} written since sent again.",
                _partition, _self, _target, _attempts - 1, plan.Skipped, plan.Rewritten.Length);
        }
        _state = TransferState.Sending;
        Report();
        Continue();
    }

    // The next step once the receiver acknowledged the last: fold on, send the keys written meanwhile, or ask for them.
    private void Continue()
    {
        if (_folding)
        {
            var id = _transferId;
            ReadFromSource(new ReadReplicaPage(_from.ToArray(), _settings.BatchSize), fold: true);
        }
        else if (_dirty.Count > 0)
        {
            SendDirty();
        }
        else
        {
            AskDirty();
        }
    }

    private void AskDirty()
    {
        _askingDirty = true;
        _source.Tell(TakeHandoffDirty.Instance, Self);
    }

    private void OnPage(Page page)
    {
        if (page.TransferId != _transferId) return;
        if (page.Error is not null)
        {
            Fail($"reading partition {_partition} failed: {page.Error.Message}");
            return;
        }
        HandoffFold? fold = null;
        if (page.Fold)
        {
            _folding = !page.End;
            if (page.LastKey is { } last)
            {
                _from = HandoffFold.KeyAfter(last);
                fold = new HandoffFold(_mark, last);
            }
        }
        if (page.Entries.Length == 0)
        {
            Continue();
            return;
        }
        try
        {
            SendBatch([.. page.Entries.Select(e => new HandoffObject(e.StorageKey, SiblingSetSerializer.Deserialize(e.Object)))], fold);
        }
        catch (InvalidSiblingSetException e)
        {
            Fail($"an object of partition {_partition} is unreadable: {e.Message}");
        }
    }

    private void SendBatch(ImmutableArray<HandoffObject> objects, HandoffFold? fold)
    {
        _sequence++;
        _pendingCount = objects.Length;
        Send(new HandoffBatch(_transferId, _partition, _sequence, objects, fold));
    }

    private void OnDirty(HandoffDirty dirty)
    {
        if (!dirty.Tracking)
        {
            if (!_askingDirty) return;
            // The vnode restarted and forgot the handoff: the parent arms it again, and the fold starts over.
            Context.Parent.Tell(new RearmHandoff(_partition), Self);
            Fail($"the vnode of partition {_partition} restarted and forgot which keys it wrote");
            return;
        }
        // Keys taken from the vnode are never dropped, even by a late answer: the vnode forgot them.
        foreach (var key in dirty.Keys) _dirty.Enqueue(key);
        if (!_askingDirty || _state != TransferState.Sending || _folding) return;
        _askingDirty = false;
        if (_dirty.Count > 0)
        {
            SendDirty();
        }
        else if (dirty.Sealed)
        {
            _state = TransferState.Finishing;
            Report();
            _sequence = 0;
            Send(new HandoffFinish(_transferId, _partition, _sent));
        }
        else
        {
            // Writes are still in progress on the old vnode: ask again once they are durable.
            Timers.StartSingleTimer(TakeDirtyAgain.Instance, TakeDirtyAgain.Instance, SealRetry);
        }
    }

    private void SendDirty()
    {
        var keys = new List<byte[]>();
        while (keys.Count < _settings.BatchSize && _dirty.TryDequeue(out var key)) keys.Add(key);
        ReadFromSource(new ReadReplicaKeys(keys), fold: false);
    }

    // The old vnode reads its own replica (its cache, else its journal); a failure restarts the transfer.
    private void ReadFromSource(object request, bool fold)
    {
        var id = _transferId;
        _ = _source.Ask(request, _settings.AckTimeout).PipeTo(
            Self,
            success: reply => reply switch
            {
                ReplicaPage page => new Page(id, page.Entries, null, fold) { LastKey = page.LastKey, End = page.End },
                ReplicaObjects objects => new Page(id, objects.Entries, null, fold),
                _ => new Page(id, [], new InvalidOperationException(reply is VNodeFailure f ? f.Reason : $"unexpected {reply.GetType().Name}"), fold),
            },
            failure: e => new Page(id, [], e, fold));
    }

    private void OnDropped(Dropped dropped)
    {
        if (dropped.Error is not null)
        {
            Fail($"deleting the handed-off copy of partition {_partition} failed: {dropped.Error.Message}");
            return;
        }
        _state = TransferState.Completed;
        Context.System.Log.Info("Partition {0} handed off from {1} to {2}: {3} objects in the last attempt ({4} held there from an earlier one), {5} attempts.",
            _partition, _self, _target, _sent, _skipped, _attempts);
        Report();
        Context.Stop(Self);
    }

    private void Fail(string reason)
    {
        Timers.Cancel(StepTimeout.Key);
        Timers.Cancel(TakeDirtyAgain.Instance);
        _lastError = reason;
        _state = TransferState.Starting;
        _transferId = "";
        _askingDirty = false;
        Context.System.Log.Warning("Handoff of partition {0} from {1} to {2} restarts in {3} ms: {4}", _partition, _self, _target, _settings.RetryInterval.TotalMilliseconds, reason);
        Report();
        Timers.StartSingleTimer(Restart.Instance, Restart.Instance, _settings.RetryInterval);
    }

    private void Refuse(string reason)
    {
        Timers.CancelAll();
        _lastError = reason;
        _state = TransferState.Refused;
        _transferId = "";
        Context.System.Log.Error("Handoff refused, nothing deleted: {0}", reason);
        Report();
    }

    private void Report() => Context.Parent.Tell(new TransferProgress(Status), Self);

    private sealed record Page(string TransferId, ImmutableArray<(byte[] StorageKey, byte[] Object)> Entries, Exception? Error, bool Fold) : INoSerializationVerificationNeeded
    {
        // A fold page: the last key it covered, and whether it reached the end of the replica.
        public byte[]? LastKey { get; init; }

        public bool End { get; init; }
    }

    private sealed record Planned(string TransferId, FoldPlan? Plan, Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record Dropped(Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record StepTimeout(string TransferId) : INoSerializationVerificationNeeded
    {
        public static readonly object Key = new();
    }

    private sealed class Restart : INoSerializationVerificationNeeded
    {
        public static readonly Restart Instance = new();
    }

    private sealed class TakeDirtyAgain : INoSerializationVerificationNeeded
    {
        public static readonly TakeDirtyAgain Instance = new();
    }
}
