using Akka.Configuration;
using Dynamo.Configuration;

namespace Dynamo.Kv.Hints;

/// <summary>How hinted handoff delivers, bound from <c>dynamo.kv.hinted-handoff</c>.</summary>
public sealed record HintedHandoffSettings
{
    private const string Section = "dynamo.kv.hinted-handoff";

    /// <summary>How often the hints are checked for owners that are reachable and have hints waiting.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Hints read and delivered to one owner at a time; the next batch starts once every hint of this one was answered.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Upper bound on hints delivered per second to one owner, so a returning node is not flooded.</summary>
    public int MaxHintsPerSecond { get; init; } = 1000;

    /// <summary>How long a delivery waits for the owner's durable acknowledgement.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Wait before retrying an owner after a failed batch, and before starting the hinted handoff again after its journal
    /// failed; doubled per failure up to <see cref="MaxBackoff"/>.
    /// </summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries of an owner, and between restarts of the hinted handoff.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Journal events (hints added, deliveries released) between snapshots of the waiting hints; each snapshot lets
    /// the events before it go, which bounds the journal and recovery.
    /// </summary>
    public int SnapshotEvery { get; init; } = 1000;

    /// <summary>Reads <c>hinted-handoff</c> from the <c>dynamo.kv</c> section <paramref name="kv"/>.</summary>
    /// <exception cref="ConfigurationException">A value is out of range; the message names the key.</exception>
    public static HintedHandoffSettings FromConfig(Config kv)
    {
        ArgumentNullException.ThrowIfNull(kv);
        var c = kv.GetConfig("hinted-handoff");
        var settings = new HintedHandoffSettings
        {
            CheckInterval = c.ReadTimeSpan(Section, "check-interval"),
            BatchSize = c.ReadInt(Section, "batch-size"),
            MaxHintsPerSecond = c.ReadInt(Section, "max-hints-per-second"),
            DeliveryTimeout = c.ReadTimeSpan(Section, "delivery-timeout"),
            MinBackoff = c.ReadTimeSpan(Section, "min-backoff"),
            MaxBackoff = c.ReadTimeSpan(Section, "max-backoff"),
            SnapshotEvery = c.ReadInt(Section, "snapshot-every"),
        };
        if (settings.CheckInterval <= TimeSpan.Zero) throw Invalid("check-interval", "must be positive");
        if (settings.BatchSize < 1) throw Invalid("batch-size", $"must be at least 1, but was {settings.BatchSize}");
        if (settings.MaxHintsPerSecond < 1) throw Invalid("max-hints-per-second", $"must be at least 1, but was {settings.MaxHintsPerSecond}");
        if (settings.DeliveryTimeout <= TimeSpan.Zero) throw Invalid("delivery-timeout", "must be positive");
        if (settings.MinBackoff <= TimeSpan.Zero) throw Invalid("min-backoff", "must be positive");
        if (settings.MaxBackoff < settings.MinBackoff) throw Invalid("max-backoff", "must be at least min-backoff");
        if (settings.SnapshotEvery < 1) throw Invalid("snapshot-every", $"must be at least 1, but was {settings.SnapshotEvery}");
        return settings;
    }

    private static ConfigurationException Invalid(string key, string problem) =>
        ConfigErrors.InvalidValue(Section, key, problem);
}
