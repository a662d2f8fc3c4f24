using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Buckets;
using Dynamo.Kv.Hints;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv;

/// <summary>
/// Settings of the key-value layer, bound from the <c>dynamo.kv</c> section of the configuration.
/// The defaults are those of <c>hocon/reference.conf</c>.
/// </summary>
public sealed record KvSettings
{
    private const string Section = "dynamo.kv";

    /// <summary>Partitions of the ring (Q), a power of two fixed when the cluster is created.</summary>
    public int RingPartitions { get; init; } = RingSize.Default;

    /// <summary>
    /// The cluster role of the members that run the store (<c>dynamo.kv.role</c>): only they are ring members and
    /// host vnodes; other members reach the store through a proxy.
    /// </summary>
    public string StoreRole { get; init; } = "dynamo";

    /// <summary>Properties of every bucket not set explicitly.</summary>
    public BucketProperties BucketDefaults { get; init; } = BucketProperties.Default;

    /// <summary>How long a coordinator waits for its quorum before answering a failure.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long setting a bucket's properties waits for a majority of the members to hold them
    /// (<c>dynamo.kv.bucket-metadata.write-timeout</c>) before the setter is told the outcome is unknown.
    /// </summary>
    public TimeSpan BucketMetadataWriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether coordinator hosts send the requests for another node's replicas that queue up together, as one remote
    /// message (<c>dynamo.kv.replica-batching</c>, <see cref="Batching.ReplicaOutbox"/>).
    /// </summary>
    public bool ReplicaBatching { get; init; } = true;

    /// <summary>Largest value a put may carry, in bytes.</summary>
    public long MaxValueSize { get; init; } = 1024 * 1024;

    /// <summary>Sibling bounds for client writes.</summary>
    public SiblingLimits SiblingLimits { get; init; } = SiblingLimits.Default;

    /// <summary>
    /// How long a tombstone stays after every primary acknowledged it before it is removed from
    /// storage (Riak's delete_mode); null keeps tombstones for ever.
    /// </summary>
    public TimeSpan? TombstoneReapDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How partitions are handed to their new owner when the ring changes (<c>dynamo.kv.handoff</c>).</summary>
    public Handoff.HandoffSettings Handoff { get; init; } = new();

    /// <summary>How hinted handoff delivers hints to owners that are reachable again.</summary>
    public HintedHandoffSettings HintedHandoff { get; init; } = new();

    /// <summary>How vnodes keep their replicas: value cache, snapshots, journal reads (<c>dynamo.kv.vnode</c>).</summary>
    public VNodeSettings VNode { get; init; } = new();

    /// <summary>How active anti-entropy compares and repairs replicas (<c>dynamo.kv.anti-entropy</c>).</summary>
    public AntiEntropy.AntiEntropySettings AntiEntropy { get; init; } = new();

    /// <summary>Reads <c>dynamo.kv</c> from a configuration that has the reference configuration as fallback.</summary>
    /// <exception cref="ConfigurationException">A value has the wrong type or is out of range; the message names the key.</exception>
    public static KvSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = config.GetConfig("dynamo.kv");
        var partitions = c.ReadInt(Section, "ring-partitions");
        if (!RingSize.IsValid(partitions))
        {
            throw Invalid("ring-partitions", $"must be a power of two between 1 and {RingSize.Max}, but was {partitions}");
        }

        var role = c.ReadString(Section, "role");
        if (string.IsNullOrWhiteSpace(role))
        {
            throw Invalid("role", "must name a cluster role");
        }

        var conflicts = c.ReadString(Section, "bucket-defaults.conflicts");
        var defaults = new BucketProperties(
            c.ReadInt(Section, "bucket-defaults.n"),
            c.ReadInt(Section, "bucket-defaults.r"),
            c.ReadInt(Section, "bucket-defaults.w"),
            conflicts switch
            {
                "siblings" => ConflictMode.Siblings,
                "last-write-wins" => ConflictMode.LastWriteWins,
                _ => throw Invalid("bucket-defaults.conflicts", $"'{conflicts}' is not a conflict mode (expected siblings or last-write-wins)"),
            }) { PW = c.ReadInt(Section, "bucket-defaults.pw"), PR = c.ReadInt(Section, "bucket-defaults.pr"), ObjectBuffer = c.ReadBoolean(Section, "bucket-defaults.object-buffer") };
        if (defaults.N < 1) throw Invalid("bucket-defaults.n", $"must be at least 1, but was {defaults.N}");
        if (defaults.R < 1 || defaults.R > defaults.N) throw Invalid("bucket-defaults.r", $"must be between 1 and n ({defaults.N}), but was {defaults.R}");
        if (defaults.W < 1 || defaults.W > defaults.N) throw Invalid("bucket-defaults.w", $"must be between 1 and n ({defaults.N}), but was {defaults.W}");
        if (defaults.PW < 0 || defaults.PW > defaults.N) throw Invalid("bucket-defaults.pw", $"must be between 0 and n ({defaults.N}), but was {defaults.PW}");
        if (defaults.PR < 0 || defaults.PR > defaults.N) throw Invalid("bucket-defaults.pr", $"must be between 0 and n ({defaults.N}), but was {defaults.PR}");

        var timeout = c.ReadTimeSpan(Section, "request-timeout");
        if (timeout <= TimeSpan.Zero) throw Invalid("request-timeout", "must be positive");
        var metadataWriteTimeout = c.ReadTimeSpan(Section, "bucket-metadata.write-timeout");
        if (metadataWriteTimeout <= TimeSpan.Zero) throw Invalid("bucket-metadata.write-timeout", "must be positive");
        var maxValueSize = c.ReadByteSize(Section, "max-value-size");
        if (maxValueSize < 1) throw Invalid("max-value-size", "must be at least 1 byte");

        var warnAbove = c.ReadInt(Section, "siblings.warn-above");
        if (warnAbove < 1) throw Invalid("siblings.warn-above", $"must be at least 1, but was {warnAbove}");
        var maxSiblings = c.ReadInt(Section, "siblings.max");
        if (maxSiblings < warnAbove) throw Invalid("siblings.max", $"must be at least siblings.warn-above ({warnAbove}), but was {maxSiblings}");

        // "off" and "keep" are the ways to say never; anything else must be a duration.
        TimeSpan? reapDelay = c.ReadString(Section, "tombstone-reap-delay") is "off" or "keep" ? null : c.ReadTimeSpan(Section, "tombstone-reap-delay");
        if (reapDelay < TimeSpan.Zero) throw Invalid("tombstone-reap-delay", "must not be negative (or off to keep tombstones)");

        return new KvSettings
        {
            TombstoneReapDelay = reapDelay,
            SiblingLimits = new SiblingLimits(warnAbove, maxSiblings),
            RingPartitions = partitions,
            StoreRole = role,
            BucketDefaults = defaults,
            RequestTimeout = timeout,
            ReplicaBatching = c.ReadBoolean(Section, "replica-batching"),
            BucketMetadataWriteTimeout = metadataWriteTimeout,
            MaxValueSize = maxValueSize,
            Handoff = Kv.Handoff.HandoffSettings.FromConfig(c),
            HintedHandoff = HintedHandoffSettings.FromConfig(c),
            AntiEntropy = Kv.AntiEntropy.AntiEntropySettings.FromConfig(c),
            VNode = VNodeSettings.FromConfig(c),
        };
    }

    private static ConfigurationException Invalid(string key, string problem) =>
        ConfigErrors.InvalidValue(Section, key, problem);
}
