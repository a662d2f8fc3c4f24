using System.Collections.Immutable;
using Akka.Actor;
using Dynamo.Storage;
using Dynamo.Core.Partitioning;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Hints;

/// <summary>
/// A node's hints, at <see cref="KvPaths.HintedHandoff"/>. As a fallback it stores every
/// <see cref="HintedPut"/> durably in the hint store before acknowledging, and answers
/// <see cref="HintedGet"/> with what it holds for that key. As a sender it checks the hint store
/// every <see cref="HintedHandoffSettings.CheckInterval"/>, and delivers the hints of every owner
/// that is reachable again to the owner's vnodes in batches, deleting each hint only once the owner
/// acknowledged it durably. Answers <see cref="GetHintStats"/>.
/// </summary>
/// <remarks>
/// Every hinted write is its own hint (the store only ever appends), so successive writes of one key
/// never overwrite each other (a write the key's earlier hints already cover is acknowledged without
/// a new hint); reads and deliveries merge a key's hints causally, which keeps every
/// concurrent version. Nothing about delivery lives only in memory: after a restart of either side the
/// next check finds the same hints in the store and delivers them again; a batch that failed or timed
/// out is retried with exponential backoff. Redelivering a hint the owner already has is harmless, since
/// a replica write merges causally. Deliveries are replica writes, so sibling limits never drop them.
/// </remarks>
public sealed partial class HintedHandoff : ReceiveActor, IWithTimers
{
    private readonly string _node;
    private readonly INodeDirectory _directory;
    private readonly IHintStore _hints;
    private readonly HintedHandoffSettings _settings;
    private readonly Dictionary<string, OwnerDelivery> _owners = new(StringComparer.Ordinal);
    private ImmutableSortedDictionary<string, long> _pending = ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal);
    private Ring? _ring;
    private long _stored;
    private long _delivered;
    private long _failedBatches;
    private bool _checking;
    private int _storesInFlight;
    private bool _checkOverlappedStores;
    private bool _recountWhenStoresSettle;
    private bool _recounting;

    /// <summary>Creates the hinted handoff of <paramref name="node"/>.</summary>
    public HintedHandoff(string node, INodeDirectory directory, IHintStore hints, HintedHandoffSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(hints);
        ArgumentNullException.ThrowIfNull(settings);
        _node = node;
        _directory = directory;
        _hints = hints;
        _settings = settings;

        Receive<HintedPut>(OnHintedPut);
        Receive<HintStored>(OnHintStored);
        Receive<HintedGet>(OnHintedGet);
        Receive<Check>(_ => StartCheck());
        Receive<Checked>(OnChecked);
        Receive<DeliverNext>(m => TryDeliver(m.Owner, ignoreWait: true));
        Receive<BatchLoaded>(OnBatchLoaded);
        Receive<DeliveryOutcome>(OnDeliveryOutcome);
        Receive<HintsDeleted>(OnHintsDeleted);
        Receive<GetHintStats>(_ => Sender.Tell(Stats(), Self));
        Receive<RingChanged>(m => _ring = m.Ring);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the hinted handoff of <paramref name="node"/>; create it named <see cref="KvPaths.HintedHandoffName"/> under the router.</summary>
    public static Props Props(string node, INodeDirectory directory, IHintStore hints, HintedHandoffSettings settings) =>
        Akka.Actor.Props.Create(() => new HintedHandoff(node, directory, hints, settings));

    /// <inheritdoc />
    protected override void PreStart()
    {
        // Check at once, so hints left by an earlier run are counted and delivered without waiting a period.
        Self.Tell(Check.Instance, Self);
        Timers.StartPeriodicTimer(Check.Instance, Check.Instance, _settings.CheckInterval);
    }

    private HintStats Stats() => new(_node, _stored, _delivered, _failedBatches, _pending);

    private void OnHintedPut(HintedPut put)
    {
        var replyTo = Sender;
        _storesInFlight++;
        _checkOverlappedStores |= _checking;
        _ = StoreUnlessHeldAsync(_hints, put).PipeTo(
            Self,
            success: added => new HintStored(put, replyTo, added, null),
            failure: e => new HintStored(put, replyTo, false, e));
    }

    // Read repair sends a fallback the same object on every read while the owner is away: a hint
    // whose versions the key's earlier hints already hold would only be delivered as a no-op.
    private static async Task<bool> StoreUnlessHeldAsync(IHintStore hints, HintedPut put)
    {
        var storageKey = ObjectKey.Encode(put.Bucket, put.Key);
        var held = await hints.ListForKeyAsync(put.Owner, put.Partition, storageKey).ConfigureAwait(false);
        if (held.Count > 0 && TryMerge(held) is { } merged && put.Object.IsCoveredBy(merged))
        {
            return false;
        }
        await hints.AddAsync(put.Owner, put.Partition, storageKey, SiblingSetSerializer.Serialize(put.Object)).ConfigureAwait(false);
        return true;
    }

    // Unreadable earlier hints must not block new ones: they are reported when delivery reads them.
    private static SiblingSet? TryMerge(IEnumerable<Hint> hints)
    {
        try
        {
            return Merge(hints);
        }
        catch (InvalidSiblingSetException)
        {
            return null;
        }
    }

    private void OnHintStored(HintStored stored)
    {
        var put = stored.Put;
        _storesInFlight--;
        if (_storesInFlight == 0 && _recountWhenStoresSettle)
        {
            _recountWhenStoresSettle = false;
            StartCheck();
        }
        if (stored.Error is not null)
        {
            stored.ReplyTo.Tell(new VNodeFailure(_node, put.Partition,
                $"storing a hint for {put.Owner} (partition {put.Partition}) on {_node} failed: {stored.Error.Message}"), Self);
            return;
        }
        if (stored.Added)
        {
            _stored++;
            _pending = _pending.SetItem(put.Owner, _pending.GetValueOrDefault(put.Owner) + 1);
        }
        stored.ReplyTo.Tell(new ReplicaPutAck(_node, put.Partition), Self);
    }

    private void OnHintedGet(HintedGet get)
    {
        var node = _node;
        var storageKey = ObjectKey.Encode(get.Bucket, get.Key);
        // The merge runs on the task's thread: it reads only the task's result and immutable values.
        _ = _hints.ListForKeyAsync(get.Owner, get.Partition, storageKey).PipeTo(
            Sender,
            Self,
            success: hints => new ReplicaGetResult(node, get.Partition, Merge(hints)),
            failure: e => new VNodeFailure(node, get.Partition,
                $"reading hints of key {Convert.ToHexString(storageKey)} for {get.Owner} (partition {get.Partition}) on {node} failed: {e.Message}"));
    }

    private static SiblingSet Merge(IEnumerable<Hint> hints) =>
        hints.Aggregate(SiblingSet.Empty, (merged, hint) => merged.Sync(SiblingSetSerializer.Deserialize(hint.Value.Span)));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private sealed record Check : INoSerializationVerificationNeeded
    {
        public static Check Instance { get; } = new();
    }

    // Like Checked: a self-message with an actor ref and an exception, never sent to another node.
    private sealed record HintStored(HintedPut Put, IActorRef ReplyTo, bool Added, Exception? Error) : INoSerializationVerificationNeeded;
}
