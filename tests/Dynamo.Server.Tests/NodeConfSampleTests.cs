using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv;
using Dynamo.Kv.Persistence;
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
        var config = Load(file).WithFallback(DynamoConfig.Reference());
        var remote = MemberAddressing.FromConfig(config);
        Assert.Equal("sqlite", JournalConfig.PluginOf(config));
        HttpSettings.FromConfig(config);
        KvSettings.FromConfig(config);
        Assert.Equal(config.GetInt("akka.remote.dot-netty.tcp.port"), remote.Port);
        Assert.NotEqual(0, remote.Port);
    }

    [Theory]
    [InlineData("hocon/node.conf")]
    [InlineData("docker/node.conf")]
    public void Every_key_of_a_node_file_exists_in_reference_conf(string file)
    {
        var reference = Keys(DynamoConfig.Reference()).ToHashSet(StringComparer.Ordinal);
        var keys = Keys(Load(file)).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains(key, reference));
    }

    private static Config Load(string file)
    {
        var path = RepositoryFiles.PathOf(file);
        return DynamoConfig.Parse(File.ReadAllText(path), path);
    }

    // Every leaf key, in dotted form: Akka's Config enumerates only the top level.
    private static IEnumerable<string> Keys(Config config) => Leaves("", config.Root);

    private static IEnumerable<string> Leaves(string prefix, Akka.Configuration.Hocon.HoconValue value) =>
        value.IsObject()
            ? value.GetObject().Items.SelectMany(item => Leaves(prefix.Length == 0 ? item.Key : prefix + "." + item.Key, item.Value))
            : [prefix];
}
