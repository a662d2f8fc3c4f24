using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Server.Hosting;

namespace Dynamo.Server.Tests;

public sealed class ServerArgumentsTests
{
    [Fact]
    public void Options_become_configuration_overrides()
    {
        var arguments = ServerArguments.Parse([
            "--host", "10.0.0.5", "--http-port", "8099", "--port", "4053", "--data-dir", "/var/lib/dynamo",
            "--seed", "akka.tcp://dynamo@10.0.0.1:4053", "--seed", "10.0.0.2:4053",
            "--set", "dynamo.kv.request-timeout = 2s"]);

        var config = DynamoConfig.Load(null, arguments.Overrides);
        var http = HttpSettings.FromConfig(config);
        Assert.Equal("10.0.0.5", http.Hostname);
        Assert.Equal(8099, http.Port);
        Assert.Equal("10.0.0.5", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(4053, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal("/var/lib/dynamo", config.GetString("dynamo.persistence.sqlite.data-directory"));
        // A seed given as host:port is completed when the node starts, with its own scheme and system name.
        Assert.Equal(["akka.tcp://dynamo@10.0.0.1:4053", "10.0.0.2:4053"], config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("dynamo.kv.request-timeout"));
    }

    [Fact]
    public void The_reference_configuration_has_the_http_defaults()
    {
        var http = HttpSettings.FromConfig(DynamoConfig.Load(null, []));

        Assert.Equal(new HttpSettings(), http);
    }

    [Theory]
    [InlineData(new[] { "--http-port", "http" }, "--http-port must be a port")]
    [InlineData(new[] { "--port", "70000" }, "--port must be a port")]
    [InlineData(new[] { "--config" }, "--config needs a value")]
    [InlineData(new[] { "--verbose" }, "unknown option '--verbose'")]
    [InlineData(new[] { "--log-format", "xml" }, "--log-format must be simple or json")]
    [InlineData(new[] { "--seed", "10.0.0.1" }, "--seed must be akka.tcp://system@host:port or host:port")]
    [InlineData(new[] { "--seed", "akka.tcp://dynamo@" }, "--seed must be akka.tcp://system@host:port or host:port")]
    public void Bad_options_are_refused_naming_the_option(string[] args, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ServerArguments.Parse(args));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_out_of_range_http_port_in_the_configuration_names_the_key()
    {
        var config = DynamoConfig.Load(null, ["dynamo.http.port = 99999"]);

        var error = Assert.Throws<ConfigurationException>(() => HttpSettings.FromConfig(config));

        Assert.Contains("dynamo.http.port", error.Message);
    }
}
