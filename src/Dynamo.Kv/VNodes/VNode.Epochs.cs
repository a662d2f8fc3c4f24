using Akka.Actor;
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
    // Epochs leased per journal event. A vnode takes one per key it first coordinates, so a block
    // lasts a thousand key creations; the unused rest of a block is skipped after a restart.
    private const int EpochLeaseBlock = 1000;

    private readonly HashSet<string> _awaitingEpoch = new(StringComparer.Ordinal);
    private VNodeEpoch? _lease;
    private long _nextEpoch;
    private bool _leasing;

    // A new incarnation continues from the last durable lease but takes none of it: the rest of that lease may
    // have been handed out before a crash, so its first epoch comes from a new block above it (a journal with no
    // lease, new or deleted, draws a random range). An owner leases that block before it serves anything
    // (Persist stashes commands meanwhile), which also opens the journal's write path before the first client
    // write; a vnode started only to see what a partition holds leases when it first needs an epoch, if ever.
    private void LeaseAfterRecovery(VNodeEpoch? recovered)
    {
        _lease = recovered;
        _nextEpoch = recovered is null ? 0 : recovered.LeasedUntil + 1;
        if (!_owner) return;
        var leased = recovered?.Extend(EpochLeaseBlock) ?? VNodeEpoch.Fresh(Random.Shared.NextInt64(), EpochLeaseBlock);
        _leasing = true;
        Persist(new EpochLeased(leased), _ =>
        {
            _leasing = false;
            _lease = leased;
            if (recovered is null) _nextEpoch = leased.First;
            CountEvent();
        });
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

    // Lease the next block while half of this one is left, so writes seldom wait for the journal.
    private void RenewLeaseIfLow()
    {
        if (_leasing || (_lease is not null && _lease.LeasedUntil - _nextEpoch >= EpochLeaseBlock / 2))
        {
            return;
        }
        _leasing = true;
        var fresh = _lease is null;
        var leased = _lease?.Extend(EpochLeaseBlock) ?? VNodeEpoch.Fresh(Random.Shared.NextInt64(), EpochLeaseBlock);
        PersistAsync(new EpochLeased(leased), _ =>
        {
            _leasing = false;
            _lease = leased;
            if (fresh) _nextEpoch = leased.First;
            CountEvent();
            ResumeAwaitingEpoch();
        });
    }

    // Epochs this journal handed out: its own range, below the next one to take.
    private bool IsOwnEpoch(string actorId, out long epoch) =>
        VNodeEpoch.TryEpochOf(actorId, _node, out epoch) && _lease is not null && epoch >= _lease.First && epoch < _nextEpoch;

    /// <summary>The actor id a client write to <paramref name="current"/> is coordinated as; false while no epoch is leased.</summary>
    private bool TryActorFor(SiblingSet current, VersionVector incoming, out string actor)
    {
        actor = "";
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
}
