using Akka.Configuration;
using Dynamo.Configuration;

namespace Dynamo.Kv.Tests;

public sealed class TombstoneReapDelaySettingTests
{
    [Fact]
    public void Reference_configuration_reaps_after_three_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), KvSettings.FromConfig(DynamoConfig.Reference()).TombstoneReapDelay);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("keep")]
    public void Off_and_keep_never_reap(string value)
    {
        Assert.Null(Bind($"dynamo.kv.tombstone-reap-delay = {value}").TombstoneReapDelay);
    }

    [Fact]
    public void Duration_is_bound()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Bind("dynamo.kv.tombstone-reap-delay = 1500ms").TombstoneReapDelay);
    }

    [Theory]
    [InlineData("-1s")]
    [InlineData("soon")]
    public void Bad_value_names_the_key(string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Bind($"dynamo.kv.tombstone-reap-delay = {value}"));

        Assert.Contains("dynamo.kv.tombstone-reap-delay", error.Message);
    }

    private static KvSettings Bind(string hocon) =>
        KvSettings.FromConfig(ConfigurationFactory.ParseString(hocon).WithFallback(DynamoConfig.Reference()));
}
