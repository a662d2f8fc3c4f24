using Dynamo.Actors.Cluster;
using Dynamo.Actors.Configuration;
using Dynamo.Storage;
using Dynamo.Actors.Remote;
using Dynamo.Kv;
using Dynamo.Server.Hosting;
using Dynamo.Server.Tests.Docker;

namespace Dynamo.Server.Tests;

/// <summary>The sample node files: they bind, and name only keys reference.conf knows.</summary>
public sealed class NodeConfSampleTests
{
    [Theory]
    [InlineData("hocon/node.conf")]
    [InlineData("docker/node.conf")]
    public void Node_file_binds_with_reference_as_fallback(string file)
    {
        var config = ConfigurationFactory.ParseFile(RepositoryFiles.PathOf(file)).WithFallback(ConfigurationFactory.Reference());
        var remote = RemoteSettings.FromConfig(config);
        ClusterSettings.FromConfig(config);
        StorageSettings.FromConfig(config, "n");
        HttpSettings.FromConfig(config);
        KvSettings.FromConfig(config);
        Assert.Equal(config.GetInt("dynamo.remote.port"), remote.Port);
    }

    [Theory]
    [InlineData("hocon/node.conf")]
    [InlineData("docker/node.conf")]
    public void Every_key_of_a_node_file_exists_in_reference_conf(string file)
    {
        var reference = ConfigurationFactory.Reference().Flatten().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var keys = ConfigurationFactory.ParseFile(RepositoryFiles.PathOf(file)).Flatten().Select(e => e.Key).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains(key, reference));
    }
}
