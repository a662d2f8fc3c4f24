using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.Hints;

namespace Dynamo.Kv.Tests;

public sealed class HintedHandoffSettingsTests
{
    [Fact]
    public void Overrides_of_hinted_handoff_and_strict_quorums_are_bound()
    {
        var config = ConfigurationFactory.ParseString("""
            dynamo.kv.bucket-defaults { pw = 2, pr = 1 }
            dynamo.kv.hinted-handoff { check-interval = 250ms, batch-size = 10, max-hints-per-second = 50, delivery-timeout = 2s, min-backoff = 100ms, max-backoff = 5s, snapshot-every = 50 }
            """).WithFallback(DynamoConfig.Reference());

        var settings = KvSettings.FromConfig(config);

        Assert.Equal((2, 1), (settings.BucketDefaults.PW, settings.BucketDefaults.PR));
        Assert.Equal(new HintedHandoffSettings
        {
            CheckInterval = TimeSpan.FromMilliseconds(250),
            BatchSize = 10,
            MaxHintsPerSecond = 50,
            DeliveryTimeout = TimeSpan.FromSeconds(2),
            MinBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromSeconds(5),
            SnapshotEvery = 50,
        }, settings.HintedHandoff);
    }

    [Theory]
    [InlineData("dynamo.kv.bucket-defaults.pw = 4", "dynamo.kv.bucket-defaults.pw")]
    [InlineData("dynamo.kv.bucket-defaults.pr = -1", "dynamo.kv.bucket-defaults.pr")]
    [InlineData("dynamo.kv.hinted-handoff.batch-size = 0", "dynamo.kv.hinted-handoff.batch-size")]
    [InlineData("dynamo.kv.hinted-handoff.max-hints-per-second = 0", "dynamo.kv.hinted-handoff.max-hints-per-second")]
    [InlineData("dynamo.kv.hinted-handoff.check-interval = 0s", "dynamo.kv.hinted-handoff.check-interval")]
    [InlineData("dynamo.kv.hinted-handoff.max-backoff = 10ms", "dynamo.kv.hinted-handoff.max-backoff")]
    [InlineData("dynamo.kv.hinted-handoff.snapshot-every = 0", "dynamo.kv.hinted-handoff.snapshot-every")]
    public void Bad_value_names_the_key(string hocon, string key)
    {
        var config = ConfigurationFactory.ParseString(hocon).WithFallback(DynamoConfig.Reference());

        var error = Assert.Throws<ConfigurationException>(() => KvSettings.FromConfig(config));

        Assert.Contains(key, error.Message);
    }
}
