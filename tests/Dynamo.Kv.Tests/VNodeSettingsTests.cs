using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>How <c>dynamo.kv.vnode</c> binds to <see cref="VNodeSettings"/>.</summary>
public sealed class VNodeSettingsTests
{
    [Fact]
    public void Reference_configuration_binds_to_the_defaults()
    {
        var settings = VNodeSettings.FromConfig(DynamoConfig.Reference().GetConfig("dynamo.kv"));

        Assert.Equal(new VNodeSettings(), settings);
        Assert.Equal((1_000L, 2.0), (settings.CompactionMinEvents, settings.CompactionGarbageRatio));
    }

    [Fact]
    public void Compaction_overrides_are_bound()
    {
        var config = ConfigurationFactory.ParseString("dynamo.kv.vnode.compaction { min-events = 50000, garbage-ratio = 0.5 }")
            .WithFallback(DynamoConfig.Reference());

        var settings = VNodeSettings.FromConfig(config.GetConfig("dynamo.kv"));

        Assert.Equal((50_000L, 0.5), (settings.CompactionMinEvents, settings.CompactionGarbageRatio));
    }

    [Theory]
    [InlineData("dynamo.kv.vnode.snapshot-every = 0", "dynamo.kv.vnode.snapshot-every")]
    [InlineData("dynamo.kv.vnode.compaction.min-events = 0", "dynamo.kv.vnode.compaction.min-events")]
    [InlineData("dynamo.kv.vnode.compaction.min-events = many", "dynamo.kv.vnode.compaction.min-events")]
    [InlineData("dynamo.kv.vnode.compaction.garbage-ratio = 0", "dynamo.kv.vnode.compaction.garbage-ratio")]
    [InlineData("dynamo.kv.vnode.compaction.garbage-ratio = -1.5", "dynamo.kv.vnode.compaction.garbage-ratio")]
    [InlineData("dynamo.kv.vnode.compaction.garbage-ratio = half", "dynamo.kv.vnode.compaction.garbage-ratio")]
    public void Bad_value_is_refused_naming_its_key(string hocon, string key)
    {
        var config = ConfigurationFactory.ParseString(hocon).WithFallback(DynamoConfig.Reference());

        var error = Assert.Throws<ConfigurationException>(() => KvSettings.FromConfig(config));

        Assert.StartsWith(key + ":", error.Message);
    }
}
