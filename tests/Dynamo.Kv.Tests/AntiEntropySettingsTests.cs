using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.AntiEntropy;

namespace Dynamo.Kv.Tests;

public sealed class AntiEntropySettingsTests
{
    [Fact]
    public void Reference_configuration_matches_the_defaults()
    {
        var settings = KvSettings.FromConfig(DynamoConfig.Reference());

        Assert.Equal(new AntiEntropySettings(), settings.AntiEntropy);
    }

    [Fact]
    public void Overrides_are_bound()
    {
        var config = ConfigurationFactory.ParseString("""
            dynamo.kv.anti-entropy { enabled = off, interval = 2s, concurrency = 3, exchange-timeout = 9s, tree-segments = 256, tree-fan-out = 4 }
            """).WithFallback(DynamoConfig.Reference());

        Assert.Equal(new AntiEntropySettings
        {
            Enabled = false,
            Interval = TimeSpan.FromSeconds(2),
            Concurrency = 3,
            ExchangeTimeout = TimeSpan.FromSeconds(9),
            TreeSegments = 256,
            TreeFanOut = 4,
        }, KvSettings.FromConfig(config).AntiEntropy);
    }

    [Theory]
    [InlineData("dynamo.kv.anti-entropy.interval = 0s", "dynamo.kv.anti-entropy.interval")]
    [InlineData("dynamo.kv.anti-entropy.concurrency = 0", "dynamo.kv.anti-entropy.concurrency")]
    [InlineData("dynamo.kv.anti-entropy.exchange-timeout = 0s", "dynamo.kv.anti-entropy.exchange-timeout")]
    [InlineData("dynamo.kv.anti-entropy.tree-segments = 1000", "dynamo.kv.anti-entropy.tree-segments")]
    public void Bad_value_names_the_key(string hocon, string key)
    {
        var config = ConfigurationFactory.ParseString(hocon).WithFallback(DynamoConfig.Reference());

        var error = Assert.Throws<ConfigurationException>(() => KvSettings.FromConfig(config));

        Assert.Contains(key, error.Message);
    }
}
