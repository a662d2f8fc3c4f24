using Akka.Configuration;
using Dynamo.Configuration;

namespace Dynamo.Kv.Handoff;

/// <summary>
/// How ownership handoff streams a partition, bound from <c>dynamo.kv.handoff</c>. The defaults are
/// those of <c>hocon/reference.conf</c>.
/// </summary>
public sealed record HandoffSettings
{
    private const string Section = "dynamo.kv.handoff";

    /// <summary>Objects per batch; the next batch is read only after the receiver acknowledged this one durably.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>How long the sender waits for the receiver's answer to a step before restarting the transfer.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause before a failed or refused transfer starts again from the beginning.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a receiving vnode waits for the old owner's copy of a key it has not received yet.</summary>
    public TimeSpan ReadThroughTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads <c>handoff</c> under the <c>dynamo.kv</c> section <paramref name="kv"/>.</summary>
    /// <exception cref="ConfigurationException">A value is out of range; the message names the key.</exception>
    public static HandoffSettings FromConfig(Config kv)
    {
        ArgumentNullException.ThrowIfNull(kv);
        var c = kv.GetConfig("handoff");
        var settings = new HandoffSettings
        {
            BatchSize = c.ReadInt(Section, "batch-size"),
            AckTimeout = c.ReadTimeSpan(Section, "ack-timeout"),
            RetryInterval = c.ReadTimeSpan(Section, "retry-interval"),
            ReadThroughTimeout = c.ReadTimeSpan(Section, "read-through-timeout"),
        };
        if (settings.BatchSize < 1) throw Invalid("batch-size", $"must be at least 1, but was {settings.BatchSize}");
        if (settings.AckTimeout <= TimeSpan.Zero) throw Invalid("ack-timeout", "must be positive");
        if (settings.RetryInterval <= TimeSpan.Zero) throw Invalid("retry-interval", "must be positive");
        if (settings.ReadThroughTimeout <= TimeSpan.Zero) throw Invalid("read-through-timeout", "must be positive");
        return settings;
    }

    private static ConfigurationException Invalid(string key, string problem) =>
        ConfigErrors.InvalidValue(Section, key, problem);
}
