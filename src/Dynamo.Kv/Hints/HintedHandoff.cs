using Akka.Actor;
using Akka.Pattern;
using Akka.Persistence;
using Dynamo.Core.Partitioning;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Diagnostics;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Hints;

/// <summary>
/// A node's hints, a persistent actor behind <see cref="KvPaths.HintedHandoff"/>. As a fallback it persists every
/// <see cref="HintedPut"/> as a <see cref="HintAdded"/> event before acknowledging, and answers <see cref="HintedGet"/>
/// with what it holds for that key. As a sender it checks every <see cref="HintedHandoffSettings.CheckInterval"/>
/// for owners that are reachable again and have hints waiting, delivers their hints to whoever owns the partition
/// now in batches, and releases hints (a <see cref="HintsDelivered"/> event) only once the owner acknowledged them
/// durably. Answers <see cref="GetHintStats"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every hinted write is its own hint, so successive writes of one key never overwrite each other (a write the
/// key's earlier hints already cover is acknowledged without a new hint); reads and deliveries merge a key's hints
/// causally, which keeps every concurrent version. The hints live in memory and in the node's journal: recovery
/// rebuilds them from the latest snapshot and the events after it, so after a restart of either side the next check
/// delivers the same hints again. A batch that failed or timed out is retried with exponential backoff.
/// Redelivering a hint the owner already has is harmless, since a replica write merges causally. Deliveries are
/// replica writes, so sibling limits never drop them.
/// </para>
/// <para>
/// A journal that fails a write stops the actor (Akka.Persistence's rule) after every write waiting for the journal
/// was answered with a <see cref="VNodeFailure"/>; <see cref="SupervisedProps"/> starts it again with backoff.
/// </para>
/// </remarks>
public sealed partial class HintedHandoff : ReceivePersistentActor, IWithTimers
{
    /// <summary>
    /// The persistence id of a node's hints. Fixed: every node's journal is its own (shared-nothing, a SQLite file or
    /// tables of its own), so one id names the one hinted handoff a journal ever serves.
    /// </summary>
    public const string JournalPersistenceId = "hinted-handoff";

    /// <summary>The name of the hinted handoff under the backoff supervisor of <see cref="SupervisedProps"/>.</summary>
    public const string SupervisedName = "handoff";

    private readonly string _node;
    private readonly INodeDirectory _directory;
    private readonly HintedHandoffSettings _settings;
    private readonly IActorRef? _ringSource;
    private readonly HintLog _hints = new();
    private readonly NodeMetrics _metrics;
    // Hinted writes handed to the journal and not yet confirmed, by hint id: who waits for the acknowledgement.
    private readonly Dictionary<long, WaitingPut> _storing = [];
    private Ring? _ring;
    private long _nextId = 1;
    private long _stored;
    private long _delivered;
    private long _failedBatches;

    /// <summary>
    /// Creates the hinted handoff of <paramref name="node"/>; once recovered it asks <paramref name="ringSource"/>
    /// (the router) for the current ring, which a restart would otherwise have forgotten.
    /// </summary>
    public HintedHandoff(string node, INodeDirectory directory, HintedHandoffSettings settings, IActorRef? ringSource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(settings);
        _node = node;
        _directory = directory;
        _settings = settings;
        _ringSource = ringSource;
        _metrics = KvMetrics.For(Context.System, node);

        RecoverHints();
        Command<HintedPut>(OnHintedPut);
        Command<HintedGet>(OnHintedGet);
        Command<Check>(_ => CheckOwners());
        Command<DeliverNext>(m => TryDeliver(m.Owner, ignoreWait: true));
        Command<DeliveryOutcome>(OnDeliveryOutcome);
        Command<GetHintStats>(_ => Sender.Tell(Stats(), Self));
        Command<RingChanged>(m => _ring = m.Ring);
        CommandJournal();
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    public override string PersistenceId => JournalPersistenceId;

    /// <summary>Props for the hinted handoff of <paramref name="node"/> itself, unsupervised (tests start it so).</summary>
    public static Props Props(string node, INodeDirectory directory, HintedHandoffSettings settings, IActorRef? ringSource = null) =>
        Akka.Actor.Props.Create(() => new HintedHandoff(node, directory, settings, ringSource));

    /// <summary>
    /// Props for the hinted handoff of <paramref name="node"/> behind a backoff supervisor, which the router creates
    /// named <see cref="KvPaths.HintedHandoffName"/>: the supervisor forwards every message to the hinted handoff (its
    /// child <see cref="SupervisedName"/>), so the well-known path keeps working, and starts it again after
    /// <see cref="HintedHandoffSettings.MinBackoff"/>, doubling up to <see cref="HintedHandoffSettings.MaxBackoff"/>,
    /// whenever it stops (a failed journal write or recovery) or throws, as often as it takes: the node cannot do without
    /// its hints. Messages meanwhile go to dead letters: their
    /// coordinators count the fallback as not answering.
    /// </summary>
    public static Props SupervisedProps(string node, INodeDirectory directory, HintedHandoffSettings settings, IActorRef? ringSource = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return BackoffSupervisor.Props(
            Backoff.OnStop(Props(node, directory, settings, ringSource), SupervisedName, settings.MinBackoff, settings.MaxBackoff,
                    randomFactor: 0.2, maxNrOfRetries: -1)
                .WithDefaultStoppingStrategy());
    }

    private HintStats Stats() => new(_node, _stored, _delivered, _failedBatches, _hints.Pending());

    private void OnHintedPut(HintedPut put)
    {
        var storageKey = ObjectKey.Encode(put.Bucket, put.Key);
        // Read repair sends a fallback the same object on every read while the owner is away: a hint whose versions
        // the key's earlier hints already hold would only be delivered as a no-op.
        var held = _hints.ForKey(put.Owner, put.Partition, storageKey);
        if (held.Count > 0 && TryMerge(held) is { } merged && put.Object.IsCoveredBy(merged))
        {
            Sender.Tell(new ReplicaPutAck(_node, put.Partition) { RequestId = put.RequestId }, Self);
            return;
        }
        var hint = new HintAdded(_nextId++, put.Owner, put.Partition, storageKey, SiblingSetSerializer.Serialize(put.Object));
        _storing[hint.Id] = new WaitingPut(Sender, hint.Owner, hint.Partition, put.RequestId);
        // Hinted writes of many keys arrive together while an owner is away: the journal batches them.
        PersistAsync(hint, OnHintPersisted);
    }

    private void OnHintPersisted(HintAdded hint)
    {
        _hints.Add(hint);
        _stored++;
        _metrics.HintStored();
        CountEvent();
        if (_storing.Remove(hint.Id, out var waiting))
        {
            waiting.ReplyTo.Tell(new ReplicaPutAck(_node, hint.Partition) { RequestId = waiting.RequestId }, Self);
        }
    }

    private void OnHintedGet(HintedGet get)
    {
        var storageKey = ObjectKey.Encode(get.Bucket, get.Key);
        try
        {
            Sender.Tell(new ReplicaGetResult(_node, get.Partition, Merge(_hints.ForKey(get.Owner, get.Partition, storageKey))) { RequestId = get.RequestId }, Self);
        }
        catch (InvalidSiblingSetException e)
        {
            Sender.Tell(new VNodeFailure(_node, get.Partition,
                $"reading hints of key {Convert.ToHexString(storageKey)} for {get.Owner} (partition {get.Partition}) on {_node} failed: {e.Message}") { RequestId = get.RequestId }, Self);
        }
    }

    // Unreadable earlier hints must not block new ones: they are reported when delivery reads them.
    private static SiblingSet? TryMerge(IEnumerable<HintAdded> hints)
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

    private static SiblingSet Merge(IEnumerable<HintAdded> hints) =>
        hints.Aggregate(SiblingSet.Empty, (merged, hint) => merged.Sync(SiblingSetSerializer.Deserialize(hint.Object)));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    /// <summary>
    /// Asks the router for its ring; answered with a <see cref="RingChanged"/> when it has one. A hinted handoff that
    /// the backoff supervisor started again would otherwise deliver by the hints' owners until the ring next changes.
    /// </summary>
    internal sealed record RingWanted : INoSerializationVerificationNeeded
    {
        public static RingWanted Instance { get; } = new();
    }

    private sealed record Check : INoSerializationVerificationNeeded
    {
        public static Check Instance { get; } = new();
    }

    private sealed record WaitingPut(IActorRef ReplyTo, string Owner, int Partition, long RequestId);
}
