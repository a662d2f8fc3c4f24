using Akka.Event;
using Akka.Actor;
using Dynamo.Storage;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>Per-incarnation actor ids: which <c>node/epoch</c> a write is coordinated as, and the epoch lease.</summary>
/// <remarks>
/// The rule (see the project README, "Actor ids and epochs"): a vnode continues an epoch for a key
/// only while it is sure its stored object holds the highest dot it ever issued under that epoch
/// for that key. That holds for the highest of its own epochs in the stored object as long as the
/// object was never lost. When the object is absent (never written here, reaped, or storage
/// wiped) or a write shows dots of its own that it no longer knows of, it takes a fresh epoch, so
/// no old dot, held by a late hint, a handoff or another replica, can ever cover a new write.
/// </remarks>
public sealed partial class VNode
{
    // Epochs leased per metadata write. A vnode takes one per key it first coordinates, so a block
    // lasts a thousand key creations; the unused rest of a block is skipped after a restart.
    private const int EpochLeaseBlock = 1000;

    private static readonly TimeSpan EpochLeaseRetry = TimeSpan.FromSeconds(1);

    private readonly IMetadataStore? _metadata;
    private readonly HashSet<string> _awaitingEpoch = new(StringComparer.Ordinal);
    private VNodeEpoch? _lease;
    private long _nextEpoch;
    private bool _leasing;

    /// <summary>Props for the vnode of <paramref name="partition"/> on <paramref name="node"/>, leasing epochs in <paramref name="metadata"/>.</summary>
    public static Props Props(string node, int partition, IKeyValueStore store, IMetadataStore metadata) =>
        Akka.Actor.Props.Create(() => new VNode(node, partition, store, metadata));

    private void ReceiveEpochs()
    {
        Receive<EpochRecordLoaded>(OnEpochRecordLoaded);
        Receive<EpochLeaseStored>(OnEpochLeaseStored);
        Receive<RetryEpochLease>(_ => RetryLease());
        StartEpochs();
    }

    private void StartEpochs()
    {
        if (_metadata is null)
        {
            // Nothing to persist in: a fresh random range on every start never repeats an old id.
            _lease = VNodeEpoch.Fresh(Random.Shared.NextInt64(), EpochLeaseBlock);
            _nextEpoch = _lease.First;
            return;
        }
        _leasing = true;
        _ = _metadata.GetAsync(VNodeEpoch.MetadataName(_partition)).AsTask().PipeTo(
            Self,
            success: bytes => new EpochRecordLoaded(bytes, null),
            failure: e => new EpochRecordLoaded(null, e));
    }

    private void OnEpochRecordLoaded(EpochRecordLoaded loaded)
    {
        if (loaded.Error is not null)
        {
            LeaseFailed("read", loaded.Error);
            return;
        }
        VNodeEpoch lease;
        long next;
        if (loaded.Bytes is null)
        {
            lease = VNodeEpoch.Fresh(Random.Shared.NextInt64(), EpochLeaseBlock);
            next = lease.First;
        }
        else
        {
            try
            {
                // The rest of the last lease may have been handed out before a crash: skip it whole.
                var stored = VNodeEpoch.Parse(loaded.Bytes);
                lease = stored.Extend(EpochLeaseBlock);
                next = stored.LeasedUntil + 1;
            }
            catch (FormatException e)
            {
                // A fresh random range is safe whatever the lost record said; only clocks grow by an entry.
                Context.System.Log.Warning("Vnode {0} on {1} starts a fresh epoch range: its epoch record is unreadable ({2}).", _partition, _node, e.Message);
                lease = VNodeEpoch.Fresh(Random.Shared.NextInt64(), EpochLeaseBlock);
                next = lease.First;
            }
        }
        StoreLease(lease, next);
    }

    private void StoreLease(VNodeEpoch lease, long? next)
    {
        _leasing = true;
        _ = _metadata!.SetAsync(VNodeEpoch.MetadataName(_partition), lease.ToBytes()).PipeTo(
            Self,
            success: () => new EpochLeaseStored(lease, next, null),
            failure: e => new EpochLeaseStored(lease, next, e));
    }

    private void OnEpochLeaseStored(EpochLeaseStored stored)
    {
        if (stored.Error is not null)
        {
            LeaseFailed("write", stored.Error);
            return;
        }
        _leasing = false;
        if (stored.Next is { } next)
        {
            _nextEpoch = next;
        }
        _lease = stored.Lease;
        ResumeAwaitingEpoch();
    }

    private void LeaseFailed(string operation, Exception error)
    {
        // Writes that need an epoch wait meanwhile; their coordinators time out if storage stays down.
        Context.System.Log.Error("Vnode {0} on {1} could not {2} its epoch lease: {3}; retrying.", _partition, _node, operation, error.Message);
        Timers.StartSingleTimer(RetryEpochLease.Instance, RetryEpochLease.Instance, EpochLeaseRetry);
    }

    private void RetryLease()
    {
        if (_lease is null)
        {
            StartEpochs();
        }
        else
        {
            _leasing = false;
            RenewLeaseIfLow();
        }
    }

    private bool TryTakeEpoch(out long epoch)
    {
        epoch = 0;
        if (_lease is null || _nextEpoch > _lease.LeasedUntil)
        {
            RenewLeaseIfLow();
            return false;
        }
        epoch = _nextEpoch++;
        RenewLeaseIfLow();
        return true;
    }

    // Lease the next block while half of this one is left, so writes seldom wait for the metadata write.
    private void RenewLeaseIfLow()
    {
        if (_metadata is null || _lease is null || _leasing || _lease.LeasedUntil - _nextEpoch >= EpochLeaseBlock / 2)
        {
            return;
        }
        StoreLease(_lease.Extend(EpochLeaseBlock), null);
    }

    // Epochs this storage handed out: its own range, below the next one to take.
    private bool IsOwnEpoch(string actorId, out long epoch) =>
        VNodeEpoch.TryEpochOf(actorId, _node, out epoch) && _lease is not null && epoch >= _lease.First && epoch < _nextEpoch;

    /// <summary>The actor id a client write to <paramref name="current"/> is coordinated as; false while no epoch is leased.</summary>
    private bool TryActorFor(SiblingSet current, VersionVector incoming, out string actor)
    {
        actor = "";
        if (_lease is null)
        {
            return false;
        }
        if (!ShowsLostDots(current, incoming))
        {
            long highest = 0;
            foreach (var entry in current.Versions.Entries)
            {
                if (IsOwnEpoch(entry.Node, out var epoch) && epoch > highest)
                {
                    highest = epoch;
                }
            }
            if (highest > 0)
            {
                actor = VNodeEpoch.ActorId(_node, highest);
                return true;
            }
        }
        if (!TryTakeEpoch(out var fresh))
        {
            return false;
        }
        actor = VNodeEpoch.ActorId(_node, fresh);
        return true;
    }

    /// <summary>
    /// A replica write carrying dots of this vnode that its stored object does not know (it was
    /// reaped or lost since) gets an empty entry of a fresh epoch: the stored object then names
    /// that epoch as this vnode's highest, so its next client write cannot reissue an old dot.
    /// False while no epoch can be leased.
    /// </summary>
    private bool TryFenceLostDots(SiblingSet current, SiblingSet incoming, ref SiblingSet next)
    {
        if (!incoming.Versions.Entries.Any(e => VNodeEpoch.TryEpochOf(e.Node, _node, out _)))
        {
            return true;
        }
        if (_lease is null)
        {
            return false;
        }
        if (!ShowsLostDots(current, incoming.Context.Vector))
        {
            return true;
        }
        if (!TryTakeEpoch(out var fresh))
        {
            return false;
        }
        var fence = VersionVector.From([new Dot(VNodeEpoch.ActorId(_node, fresh), 1)]);
        next = SiblingSet.FromVersions(next.Versions.Discard(fence));
        return true;
    }

    private bool ShowsLostDots(SiblingSet current, VersionVector incoming)
    {
        var known = current.Versions.Join();
        return incoming.Entries.Any(dot => IsOwnEpoch(dot.Node, out _) && dot.Counter > known.CounterOf(dot.Node));
    }

    private void AwaitEpoch(string id, KeyState state, PendingWrite pending)
    {
        state.AwaitingEpoch = pending;
        _awaitingEpoch.Add(id);
        RenewLeaseIfLow();
    }

    private void ResumeAwaitingEpoch()
    {
        var ids = _awaitingEpoch.ToList();
        _awaitingEpoch.Clear();
        foreach (var id in ids)
        {
            if (!_keys.TryGetValue(id, out var state) || state.AwaitingEpoch is not { } pending)
            {
                continue;
            }
            state.AwaitingEpoch = null;
            Apply(id, state, pending);
            while (state.AwaitingEpoch is null && state.Waiting.TryDequeue(out var waiting))
            {
                Apply(id, state, waiting);
            }
        }
    }

    private sealed record EpochRecordLoaded(byte[]? Bytes, Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record EpochLeaseStored(VNodeEpoch Lease, long? Next, Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record RetryEpochLease : INoSerializationVerificationNeeded
    {
        public static RetryEpochLease Instance { get; } = new();
    }
}
