using Akka.Event;
using System.Collections.Immutable;
using Akka.Actor;
using Dynamo.Storage;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Hints;

/// <summary>The sending side: periodic checks of the hint store, batches per owner, deletion after acknowledgement, backoff.</summary>
public sealed partial class HintedHandoff
{
    private void StartCheck()
    {
        if (_checking)
        {
            return;
        }
        _checking = true;
        _checkOverlappedStores = _storesInFlight > 0;
        _ = CountPendingAsync(_hints).PipeTo(Self, success: pending => new Checked(pending, null), failure: e => new Checked(null, e));
    }

    private static async Task<ImmutableSortedDictionary<string, long>> CountPendingAsync(IHintStore hints)
    {
        var pending = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var owner in await hints.ListOwnersAsync().ConfigureAwait(false))
        {
            pending[owner] = await hints.CountAsync(owner).ConfigureAwait(false);
        }
        return pending.ToImmutable();
    }

    private void OnChecked(Checked check)
    {
        _checking = false;
        if (check.Pending is null)
        {
            Context.System.Log.Warning("Node {0} could not read its hint store: {1}", _node, check.Error!.Message);
            return;
        }
        _pending = check.Pending;
        // A store that ran while the store was counted may be in the count and still add its own
        // increment (or the reverse), so the figure is counted once more when no store is running;
        // only once per period, so steady hinting does not turn into a count per hint.
        bool recount = _checkOverlappedStores && !_recounting;
        _checkOverlappedStores = false;
        _recounting = false;
        if (recount)
        {
            _recounting = true;
            if (_storesInFlight == 0)
            {
                StartCheck();
            }
            else
            {
                _recountWhenStoresSettle = true;
            }
        }
        foreach (var owner in _pending.Keys)
        {
            TryDeliver(owner, ignoreWait: false);
        }
    }

    private void TryDeliver(string owner, bool ignoreWait)
    {
        if (!_owners.TryGetValue(owner, out var delivery))
        {
            delivery = new OwnerDelivery();
            _owners[owner] = delivery;
        }
        if (delivery.InFlight || (!ignoreWait && Now < delivery.NotBefore) || !_directory.IsReachable(owner))
        {
            return;
        }
        delivery.InFlight = true;
        // Always from the oldest: delivered hints are gone, and failed ones are tried first again.
        _ = _hints.ListAsync(owner, 0, _settings.BatchSize).PipeTo(
            Self,
            success: hints => new BatchLoaded(owner, hints, null),
            failure: e => new BatchLoaded(owner, [], e));
    }

    private void OnBatchLoaded(BatchLoaded batch)
    {
        var delivery = _owners[batch.Owner];
        delivery.BatchCount = batch.Hints.Count;
        if (batch.Error is not null)
        {
            delivery.Fail($"reading its hints failed: {batch.Error.Message}");
            FinishBatch(batch.Owner, delivery);
            return;
        }
        // One delivery per key: the owner merges one object instead of each hint in turn.
        foreach (var key in batch.Hints.GroupBy(h => (h.Partition, Key: Convert.ToHexString(h.Key.Span))))
        {
            var ids = key.Select(h => h.Id).ToList();
            ReplicaPut put;
            try
            {
                var (bucket, keyBytes) = ObjectKey.Decode(key.First().Key.Span);
                put = new ReplicaPut(bucket, keyBytes, Merge(key));
            }
            catch (Exception e) when (e is FormatException or InvalidSiblingSetException)
            {
                // Kept, not dropped: the failure shows in the log and the stats until someone looks.
                delivery.Fail($"hints {string.Join(", ", ids)} are unreadable: {e.Message}");
                continue;
            }
            // As Riak's fallbacks do, the data goes to whoever owns the partition now: after a ring
            // change the hint's owner may no longer run that vnode, and would never acknowledge.
            var target = _ring is { } ring && key.Key.Partition < ring.PartitionCount ? ring.OwnerOf(key.Key.Partition) : batch.Owner;
            if (_directory.VNodeOf(target, key.Key.Partition) is not { } vnode)
            {
                delivery.Fail($"node {target} is unknown to the directory");
                continue;
            }
            Context.ActorOf(HintDelivery.Props(batch.Owner, target, vnode, put, ids, _settings.DeliveryTimeout));
            delivery.Outstanding++;
        }
        if (delivery.Outstanding == 0)
        {
            FinishBatch(batch.Owner, delivery);
        }
    }

    private void OnDeliveryOutcome(DeliveryOutcome outcome)
    {
        var delivery = _owners[outcome.Owner];
        if (outcome.Error is not null)
        {
            delivery.Fail(outcome.Error);
            DeliveryDone(outcome.Owner, delivery);
            return;
        }
        // The owner holds the data durably: only now may the hints go.
        var hints = _hints;
        _ = Task.WhenAll(outcome.HintIds.Select(id => hints.DeleteAsync(id))).PipeTo(
            Self,
            success: deleted => new HintsDeleted(outcome.Owner, deleted.Count(d => d), null),
            failure: e => new HintsDeleted(outcome.Owner, 0, e));
    }

    private void OnHintsDeleted(HintsDeleted deleted)
    {
        var delivery = _owners[deleted.Owner];
        if (deleted.Error is not null)
        {
            // Still in the store, so delivered again later; the owner merges the copy as a no-op.
            delivery.Fail($"deleting delivered hints failed: {deleted.Error.Message}");
        }
        _delivered += deleted.Count;
        var left = _pending.GetValueOrDefault(deleted.Owner) - deleted.Count;
        _pending = left > 0 ? _pending.SetItem(deleted.Owner, left) : _pending.Remove(deleted.Owner);
        DeliveryDone(deleted.Owner, delivery);
    }

    private void DeliveryDone(string owner, OwnerDelivery delivery)
    {
        delivery.Outstanding--;
        if (delivery.Outstanding == 0)
        {
            FinishBatch(owner, delivery);
        }
    }

    private void FinishBatch(string owner, OwnerDelivery delivery)
    {
        delivery.InFlight = false;
        if (delivery.Error is { } error)
        {
            _failedBatches++;
            delivery.Backoff = delivery.Backoff == TimeSpan.Zero
                ? _settings.MinBackoff
                : TimeSpan.FromTicks(Math.Min(delivery.Backoff.Ticks * 2, _settings.MaxBackoff.Ticks));
            delivery.NotBefore = Now + delivery.Backoff;
            delivery.Error = null;
            Context.System.Log.Warning("Node {0} failed to hand hints to {1}, retrying in {2} ms: {3}",
                _node, owner, delivery.Backoff.TotalMilliseconds, error);
            Timers.StartSingleTimer(new DeliverNext(owner), new DeliverNext(owner), delivery.Backoff);
            return;
        }
        delivery.Backoff = TimeSpan.Zero;
        if (delivery.BatchCount >= _settings.BatchSize)
        {
            // A full batch means more may wait: go on at once, but no faster than the rate limit allows.
            var wait = TimeSpan.FromSeconds((double)delivery.BatchCount / _settings.MaxHintsPerSecond);
            delivery.NotBefore = Now + wait;
            Timers.StartSingleTimer(new DeliverNext(owner), new DeliverNext(owner), wait);
        }
    }

    private sealed class OwnerDelivery
    {
        public bool InFlight { get; set; }

        public int Outstanding { get; set; }

        public int BatchCount { get; set; }

        // The first failure of the running batch; the batch fails as a whole and backs off.
        public string? Error { get; set; }

        public TimeSpan Backoff { get; set; }

        public DateTimeOffset NotBefore { get; set; }

        public void Fail(string error) => Error ??= error;
    }

    private sealed record Checked(ImmutableSortedDictionary<string, long>? Pending, Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record DeliverNext(string Owner) : INoSerializationVerificationNeeded;

    private sealed record BatchLoaded(string Owner, IReadOnlyList<Hint> Hints, Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record HintsDeleted(string Owner, int Count, Exception? Error) : INoSerializationVerificationNeeded;
}
