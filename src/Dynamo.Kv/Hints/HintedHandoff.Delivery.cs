using Akka.Actor;
using Akka.Event;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Hints;

/// <summary>The sending side: periodic checks, batches per owner, release after acknowledgement, backoff.</summary>
public sealed partial class HintedHandoff
{
    private readonly Dictionary<string, OwnerDelivery> _owners = new(StringComparer.Ordinal);
    // The owner whose acknowledged hints are being released: Persist holds every other command until it is done.
    private string? _releasingFor;

    private void CheckOwners()
    {
        foreach (var owner in _hints.Owners.ToList())
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
        // Always from the oldest: delivered hints are gone, and failed ones are tried first again.
        var batch = _hints.Oldest(owner, _settings.BatchSize);
        if (batch.Count == 0)
        {
            return;
        }
        delivery.InFlight = true;
        delivery.BatchCount = batch.Count;
        // One delivery per key: the owner merges one object instead of each hint in turn.
        foreach (var key in batch.GroupBy(h => (h.Partition, Key: Convert.ToHexString(h.Key))))
        {
            var ids = key.Select(h => h.Id).ToList();
            ReplicaPut put;
            try
            {
                var (bucket, keyBytes) = ObjectKey.Decode(key.First().Key);
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
            var target = _ring is { } ring && key.Key.Partition < ring.PartitionCount ? ring.OwnerOf(key.Key.Partition) : owner;
            if (_directory.ReplicaOf(target, key.Key.Partition) is not { } vnode)
            {
                delivery.Fail($"node {target} is unknown to the directory");
                continue;
            }
            Context.ActorOf(HintDelivery.Props(owner, target, key.Key.Partition, vnode, put, ids, _settings.DeliveryTimeout));
            delivery.Outstanding++;
        }
        if (delivery.Outstanding == 0)
        {
            CompleteBatch(owner, delivery);
        }
    }

    private void OnDeliveryOutcome(DeliveryOutcome outcome)
    {
        var delivery = _owners[outcome.Owner];
        if (outcome.Error is not null)
        {
            delivery.Fail(outcome.Error);
        }
        else
        {
            delivery.Acknowledged.AddRange(outcome.HintIds);
        }
        delivery.Outstanding--;
        if (delivery.Outstanding == 0)
        {
            CompleteBatch(outcome.Owner, delivery);
        }
    }

    // The owner holds the acknowledged hints durably: only now may they go, and only once the journal says so.
    private void CompleteBatch(string owner, OwnerDelivery delivery)
    {
        if (delivery.Acknowledged.Count == 0)
        {
            FinishBatch(owner, delivery);
            return;
        }
        var released = new HintsDelivered([.. delivery.Acknowledged]);
        delivery.Acknowledged.Clear();
        _releasingFor = owner;
        Persist(released, e =>
        {
            _releasingFor = null;
            var removed = _hints.Remove(e.Ids);
            _delivered += removed;
            _metrics.HintsDelivered(removed);
            CountEvent();
            FinishBatch(owner, delivery);
        });
    }

    private void FinishBatch(string owner, OwnerDelivery delivery)
    {
        delivery.InFlight = false;
        if (delivery.Error is { } error)
        {
            _failedBatches++;
            _metrics.HintBatchFailed();
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

        // Hints of the running batch their owner acknowledged: released together once the batch is answered.
        public List<long> Acknowledged { get; } = [];

        // The first failure of the running batch; the batch fails as a whole and backs off.
        public string? Error { get; set; }

        public TimeSpan Backoff { get; set; }

        public DateTimeOffset NotBefore { get; set; }

        public void Fail(string error) => Error ??= error;
    }

    private sealed record DeliverNext(string Owner) : INoSerializationVerificationNeeded;
}
