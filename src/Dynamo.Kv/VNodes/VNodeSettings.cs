using Akka.Configuration;
using Dynamo.Configuration;

namespace Dynamo.Kv.VNodes;

/// <summary>How vnodes keep their replicas (<c>dynamo.kv.vnode</c>).</summary>
public sealed record VNodeSettings
{
    private const string Section = "dynamo.kv.vnode";
    private const string CompactionSection = Section + ".compaction";

    /// <summary>Object bytes the node's <see cref="ValueCache"/> holds, shared by all its vnodes.</summary>
    public long ValueCacheSize { get; init; } = 256L * 1024 * 1024;

    /// <summary>Events a vnode persists between two snapshots of its key index.</summary>
    public int SnapshotEvery { get; init; } = 10_000;

    /// <summary>How long a read of an object missing from the cache waits for the journal.</summary>
    public TimeSpan JournalReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Garbage events (events since the last compaction that are no live key's latest) a vnode lets pile up before
    /// it compacts its journal, whatever its number of keys: spares vnodes with few keys a compaction every few writes.
    /// </summary>
    public long CompactionMinEvents { get; init; } = 1_000;

    /// <summary>
    /// Garbage events per live key a vnode lets pile up before it compacts its journal: the journal holds at most
    /// about (1 + this) events per live key beyond <see cref="CompactionMinEvents"/>, and a compaction rewrites at most
    /// one live object per this many garbage events.
    /// </summary>
    public double CompactionGarbageRatio { get; init; } = 2.0;

    /// <summary>Reads <c>dynamo.kv.vnode</c> from the <c>dynamo.kv</c> section.</summary>
    /// <exception cref="ConfigurationException">A value is out of range; the message names the key.</exception>
    public static VNodeSettings FromConfig(Config kv)
    {
        ArgumentNullException.ThrowIfNull(kv);
        var c = kv.GetConfig("vnode") ?? Config.Empty;
        var cache = c.ReadByteSize(Section, "value-cache-size");
        if (cache < 0) throw ConfigErrors.InvalidValue(Section, "value-cache-size", "must not be negative");
        var every = c.ReadInt(Section, "snapshot-every");
        if (every < 1) throw ConfigErrors.InvalidValue(Section, "snapshot-every", $"must be at least 1, but was {every}");
        var timeout = c.ReadTimeSpan(Section, "journal-read-timeout");
        if (timeout <= TimeSpan.Zero) throw ConfigErrors.InvalidValue(Section, "journal-read-timeout", "must be positive");
        var compaction = c.GetConfig("compaction") ?? Config.Empty;
        var minEvents = compaction.ReadLong(CompactionSection, "min-events");
        if (minEvents < 1) throw ConfigErrors.InvalidValue(CompactionSection, "min-events", $"must be at least 1, but was {minEvents}");
        var ratio = compaction.ReadDouble(CompactionSection, "garbage-ratio");
        if (!double.IsFinite(ratio) || ratio <= 0)
        {
            throw ConfigErrors.InvalidValue(CompactionSection, "garbage-ratio", $"must be a positive number, but was {ratio.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        return new VNodeSettings
        {
            ValueCacheSize = cache,
            SnapshotEvery = every,
            JournalReadTimeout = timeout,
            CompactionMinEvents = minEvents,
            CompactionGarbageRatio = ratio,
        };
    }
}
