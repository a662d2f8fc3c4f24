using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Core.Merkle;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>How active anti-entropy runs, bound from <c>dynamo.kv.anti-entropy</c>.</summary>
public sealed record AntiEntropySettings
{
    private const string Section = "dynamo.kv.anti-entropy";

    /// <summary>Whether exchanges start on their own; explicit <see cref="StartExchange"/> requests run either way.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Time between the starts of scheduled exchanges (the rate limit).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Scheduled exchanges that may run at once on this node.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>How long one exchange may take, tree comparison and repairs together, before it counts as failed.</summary>
    public TimeSpan ExchangeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Leaf segments per hash tree; every node of a cluster must use the same value.</summary>
    public int TreeSegments { get; init; } = 4096;

    /// <summary>Children per inner tree node; every node of a cluster must use the same value.</summary>
    public int TreeFanOut { get; init; } = 16;

    /// <summary>Reads <c>anti-entropy</c> from the <c>dynamo.kv</c> section <paramref name="kv"/>.</summary>
    /// <exception cref="ConfigurationException">A value is out of range; the message names the key.</exception>
    public static AntiEntropySettings FromConfig(Config kv)
    {
        ArgumentNullException.ThrowIfNull(kv);
        var c = kv.GetConfig("anti-entropy");
        var settings = new AntiEntropySettings
        {
            Enabled = c.ReadBoolean(Section, "enabled"),
            Interval = c.ReadTimeSpan(Section, "interval"),
            Concurrency = c.ReadInt(Section, "concurrency"),
            ExchangeTimeout = c.ReadTimeSpan(Section, "exchange-timeout"),
            TreeSegments = c.ReadInt(Section, "tree-segments"),
            TreeFanOut = c.ReadInt(Section, "tree-fan-out"),
        };
        if (settings.Interval <= TimeSpan.Zero) throw Invalid("interval", "must be positive");
        if (settings.Concurrency < 1) throw Invalid("concurrency", $"must be at least 1, but was {settings.Concurrency}");
        if (settings.ExchangeTimeout <= TimeSpan.Zero) throw Invalid("exchange-timeout", "must be positive");
        try
        {
            _ = new MerkleTreeShape(settings.TreeSegments, settings.TreeFanOut);
        }
        catch (ArgumentException e)
        {
            throw Invalid("tree-segments", $"with tree-fan-out {settings.TreeFanOut}: {e.Message}");
        }
        return settings;
    }

    /// <summary>The spec both sides of this node's exchanges use on a ring of <paramref name="partitionCount"/> partitions.</summary>
    public TreeSpec SpecFor(int partitionCount) => new(partitionCount, TreeSegments, TreeFanOut);

    private static ConfigurationException Invalid(string key, string problem) =>
        ConfigErrors.InvalidValue(Section, key, problem);
}
