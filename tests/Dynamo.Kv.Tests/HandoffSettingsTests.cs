using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.Handoff;

namespace Dynamo.Kv.Tests;

public sealed class HandoffSettingsTests
{
    [Fact]
    public void Handoff_keys_are_bound_under_dynamo_kv_handoff()
    {
        var config = ConfigurationFactory.ParseString("""
            dynamo.kv.handoff { batch-size = 7, ack-timeout = 250ms, retry-interval = 3s, read-through-timeout = 40ms }
            """).WithFallback(DynamoConfig.Reference());

        var settings = KvSettings.FromConfig(config).Handoff;

        Assert.Equal(new HandoffSettings
        {
            BatchSize = 7,
            AckTimeout = TimeSpan.FromMilliseconds(250),
            RetryInterval = TimeSpan.FromSeconds(3),
            ReadThroughTimeout = TimeSpan.FromMilliseconds(40),
        }, settings);
    }

    [Theory]
    [InlineData("dynamo.kv.handoff.batch-size = 0", "dynamo.kv.handoff.batch-size")]
    [InlineData("dynamo.kv.handoff.ack-timeout = 0s", "dynamo.kv.handoff.ack-timeout")]
    [InlineData("dynamo.kv.handoff.retry-interval = 0s", "dynamo.kv.handoff.retry-interval")]
    [InlineData("dynamo.kv.handoff.read-through-timeout = 0s", "dynamo.kv.handoff.read-through-timeout")]
    public void Bad_handoff_value_names_the_key(string hocon, string key)
    {
        var config = ConfigurationFactory.ParseString(hocon).WithFallback(DynamoConfig.Reference());

        var error = Assert.Throws<ConfigurationException>(() => KvSettings.FromConfig(config));

        Assert.Contains(key, error.Message);
    }
}
