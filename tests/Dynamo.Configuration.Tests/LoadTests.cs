using Akka.Configuration;

namespace Dynamo.Configuration.Tests;

public sealed class LoadTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("dynamo-hocon-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string NodeFile(string text)
    {
        string path = Path.Combine(_folder, "node.conf");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_layers_overrides_over_environment_over_node_file_over_reference()
    {
        string node = NodeFile("dynamo.kv {\n  request-timeout = 7s\n  max-value-size = 2MiB\n  ring-partitions = 32\n}");
        var environment = new Dictionary<string, string>
        {
            ["DYNAMO_KV__MAX_VALUE_SIZE"] = "3MiB",
            ["DYNAMO_KV__REQUEST_TIMEOUT"] = "8s",
        };
        var config = DynamoConfig.Load(node, ["dynamo.kv.request-timeout = 9s", "dynamo.kv.request-timeout = 11s"], environment);

        Assert.Equal(TimeSpan.FromSeconds(11), config.GetTimeSpan("dynamo.kv.request-timeout"));
        Assert.Equal(3L * 1024 * 1024, config.GetByteSize("dynamo.kv.max-value-size"));
        Assert.Equal(32, config.GetInt("dynamo.kv.ring-partitions"));
        Assert.Equal(3, config.GetInt("dynamo.kv.bucket-defaults.n"));
    }

    [Fact]
    public void Environment_names_map_double_underscore_to_dot_and_underscore_to_dash_under_dynamo_and_akka()
    {
        var variables = new Dictionary<string, string>
        {
            ["AKKA_CLUSTER__SEED_NODES"] = "[\"akka.tcp://dynamo@h1:4053\", \"akka.tcp://dynamo@h2:4053\"]",
            ["AKKA_REMOTE__DOT_NETTY__TCP__PORT"] = "4054",
            ["DYNAMO_KV__REQUEST_TIMEOUT"] = "10s",
            ["DYNAMO_HTTP__HOSTNAME"] = "0.0.0.0 # not a comment",
            ["OTHER_VARIABLE"] = "ignored",
        };
        var config = DynamoConfig.FromEnvironment(variables);
        Assert.Equal(["akka.tcp://dynamo@h1:4053", "akka.tcp://dynamo@h2:4053"], config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(4054, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("dynamo.kv.request-timeout"));
        Assert.Equal("0.0.0.0 # not a comment", config.GetString("dynamo.http.hostname"));
        Assert.False(config.HasPath("other"));
    }

    [Fact]
    public void Environment_name_with_an_empty_element_is_rejected()
    {
        var variables = new Dictionary<string, string> { ["DYNAMO_KV____X"] = "1" };
        var error = Assert.Throws<ConfigurationException>(() => DynamoConfig.FromEnvironment(variables));
        Assert.Contains("'DYNAMO_KV____X' does not name a configuration key", error.Message);
    }

    [Fact]
    public void Load_fails_on_a_missing_node_file_naming_it()
    {
        string missing = Path.Combine(_folder, "nope.conf");
        var error = Assert.Throws<ConfigurationException>(() => DynamoConfig.Load(missing, null, NoEnvironment));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Load_fails_on_an_override_that_is_not_hocon_naming_it()
    {
        var error = Assert.Throws<ConfigurationException>(() => DynamoConfig.Load(null, ["dynamo.kv.request-timeout = ${nowhere}"], NoEnvironment));
        Assert.StartsWith("override 1: not valid HOCON", error.Message);
    }

    [Fact]
    public void Load_without_arguments_yields_at_least_the_reference()
    {
        var config = DynamoConfig.Load();
        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
        Assert.Equal(["dynamo"], config.GetStringList("akka.cluster.roles"));
        Assert.True(config.HasPath("dynamo.kv.bucket-defaults.n"));
    }
}
