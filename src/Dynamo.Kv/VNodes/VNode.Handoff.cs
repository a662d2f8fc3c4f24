using System.Collections.Immutable;
using Akka.Actor;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Handoff;

namespace Dynamo.Kv.VNodes;

/// <summary>Ownership handoff: the vnode as the old owner (tracking, then forwarding) and as the new owner (receiving, reading through).</summary>
/// <remarks>
/// As the new owner the vnode is the authority on what it durably holds: after the objects of each fold batch it
/// persists how far that fold got (<see cref="HandoffFolded"/>, in its snapshots too), and answers the next begin from
/// the same old owner with it, so a transfer restarted by either side's crash resumes there. The record goes with the
/// transfer's finish, and with the objects when the replica is dropped; an in-memory journal forgets it on restart,
/// and the transfer then starts from the beginning.
/// </remarks>
public sealed partial class VNode
{
    private readonly HandoffWiring? _handoff;
    private readonly Dictionary<string, HandoffFold> _folds = new(StringComparer.Ordinal);
    private Outgoing? _outgoing;
    private Incoming? _incoming;

    private void CommandHandoff()
    {
        Command<HandOffTo>(OnHandOffTo);
        Command<ServePartition>(_ =>
        {
            _outgoing = null;
            _owner = true;
        });
        Command<TakeHandoffDirty>(_ => OnTakeDirty());
        Command<ReadReplicaPage>(OnReadPage);
        Command<PlanFold>(OnPlanFold);
        Command<FoldDurable>(OnFoldDurable);
        Command<ReadReplicaKeys>(r => ReplyObjects(r.Keys));
        Command<HandoffBegin>(OnBegin);
        Command<HandoffBatch>(OnBatch);
        Command<HandoffFinish>(OnFinish);
        Command<HandoffPeek>(OnPeek);
        Command<IncomingSilent>(silent =>
        {
            if (_incoming?.TransferId == silent.TransferId) _incoming = null;
        });
    }

    private void OnHandOffTo(HandOffTo handOff)
    {
        // A sender restarting its transfer to the same target keeps what the vnode tracked (and its seal).
        if (_outgoing is not null && string.Equals(_outgoing.Target, handOff.Target, StringComparison.Ordinal)) return;
        _outgoing = new Outgoing(handOff.Target, handOff.TargetVNode);
    }

    private void OnTakeDirty()
    {
        if (_outgoing is null)
        {
            Sender.Tell(new HandoffDirty([], false, Tracking: false), Self);
            return;
        }
        var keys = _outgoing.Dirty.Select(Convert.FromHexString).ToImmutableArray();
        _outgoing.Dirty.Clear();
        // Sealed only when nothing is written, loading or queued: every durable write was reported.
        if (keys.IsEmpty && _keys.Count == 0) _outgoing.Sealed = true;
        Sender.Tell(new HandoffDirty(keys, _outgoing.Sealed, Tracking: true), Self);
    }

    // Once sealed the old vnode keeps nothing new: the new owner answers for it, straight to the requester.
    private bool ForwardIfSealed(object request, IActorRef replyTo)
    {
        if (_outgoing is not { Sealed: true } outgoing) return false;
        outgoing.TargetVNode.Tell(request, replyTo);
        return true;
    }

    private void MarkHandoffDirty(string id)
    {
        if (_outgoing is { Sealed: false } outgoing) outgoing.Dirty.Add(id);
    }

    // The sender folds the replica in key order: hex ids sort as the bytes they encode.
    private void OnReadPage(ReadReplicaPage page)
    {
        var from = Convert.ToHexString(page.From);
        var keys = _index.Keys()
            .Where(k => string.CompareOrdinal(k.Id, from) >= 0)
            .OrderBy(k => k.Id, StringComparer.Ordinal)
            .Take(page.Limit)
            .Select(k => Convert.FromHexString(k.Id))
            .ToList();
        // The page says which keys it covered: a key whose object goes meanwhile must not end the fold early.
        var last = keys.Count == 0 ? null : keys[^1];
        var end = keys.Count < page.Limit;
        ReadObjects(keys, entries => new ReplicaPage(entries, last, end));
    }

    private void ReplyObjects(IReadOnlyList<byte[]> keys) => ReadObjects(keys, entries => new ReplicaObjects(entries));

    private void ReadObjects(IReadOnlyList<byte[]> keys, Func<ImmutableArray<(byte[] StorageKey, byte[] Object)>, object> reply)
    {
        var reads = keys.Select(ReadStored).ToArray();
        _ = Task.WhenAll(reads).PipeTo(
            Sender,
            Self,
            success: objects => reply([.. Enumerable.Range(0, keys.Count).Where(i => objects[i] is not null).Select(i => (keys[i], objects[i]!))]),
            failure: e => new VNodeFailure(_node, _partition, $"reading partition {_partition} on {_node} for handoff failed: {e.Message}"));
    }

    // Where an attempt's fold starts. The index names per key the sequence number of its latest event, so keys the
    // earlier fold passed and that changed since its mark are known without the dirty keys a restart forgot; the
    // tracking is armed already, so every write confirmed after this answer is reported as dirty.
    private void OnPlanFold(PlanFold plan)
    {
        if (_outgoing is null)
        {
            Sender.Tell(new FoldPlan(Tracking: false, 0, [], [], 0), Self);
            return;
        }
        // Every key reported so far is read again by this attempt (folded, or listed below), after this moment.
        _outgoing.Dirty.Clear();
        // A mark above this journal's highest sequence number counts in another journal's numbering (one that started
        // over empty): what it says about keys here means nothing, so the fold starts from the beginning.
        if (plan.Resume is not { } resume || resume.Mark > LastSequenceNr)
        {
            Sender.Tell(new FoldPlan(Tracking: true, LastSequenceNr, [], [], 0), Self);
            return;
        }
        var to = Convert.ToHexString(resume.FoldedTo);
        var rewritten = ImmutableArray.CreateBuilder<byte[]>();
        long skipped = 0;
        foreach (var (id, sequenceNr) in _index.Keys())
        {
            if (string.CompareOrdinal(id, to) > 0) continue;
            if (sequenceNr > resume.Mark) rewritten.Add(Convert.FromHexString(id));
            else skipped++;
        }
        Sender.Tell(new FoldPlan(Tracking: true, resume.Mark, HandoffFold.KeyAfter(resume.FoldedTo), rewritten.ToImmutable(), skipped), Self);
    }

    private void OnBegin(HandoffBegin begin)
    {
        if (Refusal(begin.TransferId, begin.Partition) is { } refusal)
        {
            Sender.Tell(refusal, Self);
            return;
        }
        if (string.Equals(begin.SourceNode, _node, StringComparison.Ordinal) || begin.SourceIncarnation == _handoff!.Incarnation)
        {
            Sender.Tell(new HandoffRefused(begin.TransferId, _partition, _node, $"{_node} will not receive partition {_partition} from itself"), Self);
            return;
        }
        _incoming = new Incoming(begin.TransferId, begin.SourceNode, _handoff.Directory.VNodeOf(begin.SourceNode, _partition));
        ExpectMoreOf(begin.TransferId);
        Sender.Tell(new HandoffAccepted(begin.TransferId, _partition, 0, _node, _handoff.Incarnation, Finished: false, _folds.GetValueOrDefault(begin.SourceNode)), Self);
    }

    private void OnBatch(HandoffBatch batch)
    {
        if (Refusal(batch.TransferId, batch.Partition) is { } refusal)
        {
            Sender.Tell(refusal, Self);
            return;
        }
        ExpectMoreOf(batch.TransferId);
        var accepted = new HandoffAccepted(batch.TransferId, _partition, batch.Sequence, _node, _handoff!.Incarnation, Finished: false);
        var refused = new HandoffRefused(batch.TransferId, _partition, _node, $"batch {batch.Sequence} of partition {_partition} on {_node} failed");
        var objects = new List<(string Bucket, byte[] Key, SiblingSet Object)>(batch.Objects.Length);
        try
        {
            foreach (var o in batch.Objects)
            {
                var (bucket, key) = ObjectKey.Decode(o.StorageKey);
                objects.Add((bucket, key, o.Object));
            }
        }
        catch (FormatException e)
        {
            Sender.Tell(refused with { Reason = $"{refused.Reason}: {e.Message}" }, Self);
            return;
        }
        if (objects.Count == 0)
        {
            Sender.Tell(accepted, Self);
            return;
        }
        // A fold batch's progress is persisted once its objects are durable, and only then acknowledged.
        var folded = batch.Fold is { } fold && _incoming is { } incoming && incoming.TransferId == batch.TransferId
            ? new HandoffFolded(incoming.SourceNode, fold.Mark, fold.FoldedTo)
            : null;
        var collector = Context.ActorOf(HandoffBatchCollector.Props(objects.Count, Sender, accepted, refused, _handoff.Settings.AckTimeout, folded));
        // Each object takes the replica-write path: merged causally with what is stored, never limited.
        foreach (var (bucket, key, obj) in objects) Write(bucket, key, new ReplicaPut(bucket, key, obj), collector);
    }

    private void OnFinish(HandoffFinish finish)
    {
        if (Refusal(finish.TransferId, finish.Partition) is { } refusal)
        {
            Sender.Tell(refusal, Self);
            return;
        }
        // Every batch was acknowledged durable before the finish was sent: the partition is whole here.
        var source = _incoming?.TransferId == finish.TransferId ? _incoming.SourceNode : null;
        _incoming = null;
        Timers.Cancel(IncomingSilent.Key);
        var finished = new HandoffAccepted(finish.TransferId, _partition, 0, _node, _handoff!.Incarnation, Finished: true);
        if (source is null || !_folds.ContainsKey(source))
        {
            Sender.Tell(finished, Self);
            return;
        }
        // A later transfer from the same node folds afresh: it must not resume this finished one's fold.
        var replyTo = Sender;
        PersistAsync(new HandoffCompleted(source), completed =>
        {
            _folds.Remove(completed.SourceNode);
            CountEvent();
            replyTo.Tell(finished, Self);
        });
    }

    private void OnFoldDurable(FoldDurable durable)
    {
        PersistAsync(durable.Folded, folded =>
        {
            _folds[folded.SourceNode] = new HandoffFold(folded.Mark, folded.FoldedTo);
            CountEvent();
            durable.ReplyTo.Tell(durable.Accepted, Self);
        });
    }

    private void RecoverHandoff()
    {
        Recover<HandoffFolded>(folded => _folds[folded.SourceNode] = new HandoffFold(folded.Mark, folded.FoldedTo));
        Recover<HandoffCompleted>(completed => _folds.Remove(completed.SourceNode));
    }

    private void RestoreFolds(ImmutableArray<HandoffFolded> folds)
    {
        _folds.Clear();
        foreach (var f in folds) _folds[f.SourceNode] = new HandoffFold(f.Mark, f.FoldedTo);
    }

    private ImmutableArray<HandoffFolded> FoldsToSnapshot() =>
        [.. _folds.Select(f => new HandoffFolded(f.Key, f.Value.Mark, f.Value.FoldedTo))];

    // A sender that stops mid-transfer (the ring moved the partition elsewhere, or the sender stopped) sends no
    // finish: without a limit every later read would wait for a peek at a source that no longer answers. A sender
    // that still means to hand off starts over with a new begin, which sets up the transfer again.
    private void ExpectMoreOf(string transferId) =>
        Timers.StartSingleTimer(IncomingSilent.Key, new IncomingSilent(transferId), _handoff!.Settings.AckTimeout * 2);

    private HandoffRefused? Refusal(string transferId, int partition) =>
        _handoff is null ? new HandoffRefused(transferId, partition, _node, $"the vnode of partition {_partition} on {_node} does not take part in handoff")
        : partition != _partition ? new HandoffRefused(transferId, partition, _node, $"partition {partition} sent to the vnode of partition {_partition} on {_node}")
        : _outgoing is not null ? new HandoffRefused(transferId, partition, _node, $"{_node} is itself handing partition {_partition} off")
        : null;

    private void OnPeek(HandoffPeek peek)
    {
        _ = ReadStored(peek.StorageKey).PipeTo(
            Sender,
            Self,
            success: bytes => ReplicaGetResult.OfStored(_node, _partition, bytes, requestId: 0),
            failure: e => Failure("handoff read", peek.StorageKey, e, requestId: 0));
    }

    // While receiving, a key not received yet may still be only on the old owner: read both and merge.
    private Task<byte[]?> LoadForRead(byte[] storageKey)
    {
        var local = ReadStored(storageKey);
        if (_incoming?.SourceVNode is not { } source || _handoff is null) return local;
        return ReadThrough(local, source, new HandoffPeek(_partition, storageKey), _handoff.Settings.ReadThroughTimeout);
    }

    // A coordinated write adds a new event: it must build on the old owner's versions too, or the
    // new event could reuse a dot the old owner already holds.
    private Task<byte[]?> LoadForWrite(byte[] storageKey, object request) =>
        request is CoordinatedPut ? LoadForRead(storageKey) : ReadStored(storageKey);

    private static async Task<byte[]?> ReadThrough(Task<byte[]?> local, ICanTell source, HandoffPeek peek, TimeSpan timeout)
    {
        var bytes = await local.ConfigureAwait(false);
        ReplicaGetResult old;
        try
        {
            old = await source.Ask<ReplicaGetResult>(peek, timeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The old owner is gone, failed, or cannot be asked (no reply address in this directory):
            // answer from the local copy; the handoff restarts, and the other replicas cover the read.
            return bytes;
        }
        if (old.Object.IsEmpty) return bytes;
        var mine = bytes is null ? SiblingSet.Empty : SiblingSetSerializer.Deserialize(bytes);
        return SiblingSetSerializer.Serialize(mine.Sync(old.Object));
    }

    private sealed class Outgoing(string target, ICanTell targetVNode)
    {
        public string Target { get; } = target;

        public ICanTell TargetVNode { get; } = targetVNode;

        // Keys (hex storage keys) durably written since the sender last took them.
        public HashSet<string> Dirty { get; } = new(StringComparer.Ordinal);

        public bool Sealed { get; set; }
    }

    private sealed record Incoming(string TransferId, string SourceNode, ICanTell? SourceVNode);

    private sealed record IncomingSilent(string TransferId) : INoSerializationVerificationNeeded
    {
        public const string Key = "incoming-silent";
    }
}
