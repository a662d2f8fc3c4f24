using Dynamo.Actors.Configuration;
using Xunit;

namespace Dynamo.Actors.Configuration.Tests;

public sealed class EnvironmentAndLoadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dynamo-hocon-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string NodeFile(string text)
    {
        string path = Path.Combine(_folder, "node.conf");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Environment_names_map_double_underscore_to_dot_and_underscore_to_dash()
    {
        var variables = new Dictionary<string, string>
        {
            ["DYNAMO_CLUSTER__SEED_NODES"] = "[\"dynamo.tcp://a@h1:2552\", \"dynamo.tcp://a@h2:2552\"]",
            ["DYNAMO_ACTOR__ASK_TIMEOUT"] = "10s",
            ["DYNAMO_REMOTE__PUBLIC_ADDRESS"] = "dynamo.tcp://a@h1:2552 # not a comment",
            ["OTHER_VARIABLE"] = "ignored",
        };
        var config = ConfigurationFactory.FromEnvironment("DYNAMO_", variables);
        Assert.Equal(["dynamo.tcp://a@h1:2552", "dynamo.tcp://a@h2:2552"], config.GetStringList("dynamo.cluster.seed-nodes"));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("dynamo.actor.ask-timeout"));
        Assert.Equal("dynamo.tcp://a@h1:2552 # not a comment", config.GetString("dynamo.remote.public-address"));
        Assert.Equal(["dynamo"], config.Keys);
        Assert.Equal("environment variable DYNAMO_ACTOR__ASK_TIMEOUT", config.OriginOf("dynamo.actor.ask-timeout")?.File);
    }

    [Fact]
    public void Environment_list_that_is_not_hocon_names_the_variable()
    {
        var variables = new Dictionary<string, string> { ["DYNAMO_CLUSTER__SEED_NODES"] = "[a, b" };
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.FromEnvironment("DYNAMO_", variables));
        Assert.Equal("environment variable DYNAMO_CLUSTER__SEED_NODES", error.File);
        Assert.Equal("dynamo.cluster.seed-nodes", error.Key);
        Assert.Contains("expected ']' to close the list of 'dynamo.cluster.seed-nodes'", error.Message);
    }

    [Fact]
    public void Environment_name_with_an_empty_element_is_rejected()
    {
        var variables = new Dictionary<string, string> { ["DYNAMO_ACTOR____X"] = "1" };
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.FromEnvironment("DYNAMO_", variables));
        Assert.Contains("'DYNAMO_ACTOR____X' does not name a configuration key", error.Message);
    }

    [Fact]
    public void From_environment_reads_the_process_environment_with_a_chosen_prefix()
    {
        string prefix = "DYNTEST" + Guid.NewGuid().ToString("N").ToUpperInvariant()[..8] + "_";
        Environment.SetEnvironmentVariable(prefix + "SOME__NESTED_KEY", "42");
        try
        {
            var config = ConfigurationFactory.FromEnvironment(prefix);
            Assert.Equal(42, config.GetInt(prefix.TrimEnd('_').ToLowerInvariant() + ".some.nested-key"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "SOME__NESTED_KEY", null);
        }
    }

    [Fact]
    public void Load_layers_overrides_over_environment_over_node_file_over_reference()
    {
        string node = NodeFile("dynamo.actor {\n  default-dispatcher.throughput = 50\n  ask-timeout = 7s\n  log-dead-letters = 3\n}");
        var environment = new Dictionary<string, string>
        {
            ["DYNAMO_ACTOR__LOG_DEAD_LETTERS"] = "4",
            ["DYNAMO_ACTOR__ASK_TIMEOUT"] = "8s",
        };
        var config = ConfigurationFactory.Load(node, ["dynamo.actor.ask-timeout = 9s", "dynamo.actor.ask-timeout = 11s"], environment);

        Assert.Equal(TimeSpan.FromSeconds(11), config.GetTimeSpan("dynamo.actor.ask-timeout"));
        Assert.Equal(4, config.GetInt("dynamo.actor.log-dead-letters"));
        Assert.Equal(50, config.GetInt("dynamo.actor.default-dispatcher.throughput"));
        Assert.False(config.GetBoolean("dynamo.actor.debug.lifecycle"));
        Assert.Equal(new ConfigOrigin("override 2", 1, 28), config.OriginOf("dynamo.actor.ask-timeout"));
        Assert.Equal(node, config.OriginOf("dynamo.actor.default-dispatcher.throughput")?.File);
    }

    [Fact]
    public void Load_resolves_node_file_substitutions_against_reference_and_environment()
    {
        string node = NodeFile("my.timeout = ${dynamo.actor.ask-timeout}\nmy.home = ${?DATA_HOME}\"/dynamo\"\nmy.dead = ${dynamo.actor.log-dead-letters}");
        var environment = new Dictionary<string, string> { ["DATA_HOME"] = "/srv", ["DYNAMO_ACTOR__LOG_DEAD_LETTERS"] = "0" };
        var config = ConfigurationFactory.Load(node, null, environment);
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("my.timeout"));
        Assert.Equal("/srv/dynamo", config.GetString("my.home"));
        Assert.Equal(0, config.GetInt("my.dead"));
    }

    [Fact]
    public void Load_fails_at_start_on_a_bad_substitution_with_file_and_key()
    {
        string node = NodeFile("a = 1\nb = ${nope}");
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.Load(node, null, new Dictionary<string, string>()));
        Assert.Equal(node, error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal("b", error.Key);
    }

    [Fact]
    public void Load_fails_on_a_missing_node_file_and_a_bad_override()
    {
        Assert.Throws<ConfigurationException>(() => ConfigurationFactory.Load(Path.Combine(_folder, "nope.conf"), null, new Dictionary<string, string>()));
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.Load(null, ["dynamo.actor.ask-timeout"], new Dictionary<string, string>()));
        Assert.Equal("override 1", error.File);
    }

    [Fact]
    public void Load_without_arguments_yields_at_least_the_reference()
    {
        var config = ConfigurationFactory.Load();
        Assert.True(config.HasPath("dynamo.actor.ask-timeout"));
        Assert.True(config.HasPath("dynamo.actor.default-dispatcher.throughput"));
    }
}
