using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

public sealed class KvSettingsTests
{
    [Fact]
    public void Reference_configuration_binds_to_the_defaults()
    {
        var settings = KvSettings.FromConfig(DynamoConfig.Reference());

        Assert.Equal(new KvSettings(), settings);
        Assert.Equal(64, settings.RingPartitions);
        Assert.Equal((3, 2, 2, ConflictMode.Siblings), (settings.BucketDefaults.N, settings.BucketDefaults.R, settings.BucketDefaults.W, settings.BucketDefaults.Conflicts));
        Assert.Equal(1024 * 1024, settings.MaxValueSize);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.BucketMetadataWriteTimeout);
        Assert.Equal(new Kv.VNodes.SiblingLimits(25, 100), settings.SiblingLimits);
        Assert.True(settings.ReplicaBatching);
    }

    [Fact]
    public void Overrides_are_bound()
    {
        var config = ConfigurationFactory.ParseString("""
            dynamo.kv { ring-partitions = 128, request-timeout = 250ms, max-value-size = 2MiB
                        bucket-defaults { n = 5, r = 1, w = 5, conflicts = last-write-wins }
                        bucket-metadata.write-timeout = 750ms, replica-batching = off }
            """).WithFallback(DynamoConfig.Reference());

        var settings = KvSettings.FromConfig(config);

        Assert.Equal(128, settings.RingPartitions);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(750), settings.BucketMetadataWriteTimeout);
        Assert.Equal(2 * 1024 * 1024, settings.MaxValueSize);
        Assert.False(settings.ReplicaBatching);
        Assert.Equal(new Buckets.BucketProperties(5, 1, 5, ConflictMode.LastWriteWins), settings.BucketDefaults);
    }

    [Theory]
    [InlineData("dynamo.kv.bucket-defaults.r = 7", "dynamo.kv.bucket-defaults.r")]
    [InlineData("dynamo.kv.bucket-defaults.w = 0", "dynamo.kv.bucket-defaults.w")]
    [InlineData("dynamo.kv.bucket-defaults.conflicts = newest", "dynamo.kv.bucket-defaults.conflicts")]
    [InlineData("dynamo.kv.ring-partitions = 100", "dynamo.kv.ring-partitions")]
    [InlineData("dynamo.kv.request-timeout = 0s", "dynamo.kv.request-timeout")]
    [InlineData("dynamo.kv.bucket-metadata.write-timeout = 0s", "dynamo.kv.bucket-metadata.write-timeout")]
    [InlineData("dynamo.kv.siblings.max = 10", "dynamo.kv.siblings.max")]
    [InlineData("dynamo.kv.max-value-size = 0", "dynamo.kv.max-value-size")]
    [InlineData("dynamo.kv.replica-batching = sometimes", "dynamo.kv.replica-batching")]
    public void Bad_value_names_the_key(string hocon, string key)
    {
        var config = ConfigurationFactory.ParseString(hocon).WithFallback(DynamoConfig.Reference());

        var error = Assert.Throws<ConfigurationException>(() => KvSettings.FromConfig(config));

        Assert.Contains(key, error.Message);
    }
}
