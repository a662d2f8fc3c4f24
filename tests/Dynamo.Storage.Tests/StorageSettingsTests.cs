using Akka.Configuration;
using Dynamo.Configuration;

namespace Dynamo.Storage.Tests;

public class StorageSettingsTests
{
    private static Config WithReference(string hocon) =>
        ConfigurationFactory.ParseString(hocon).WithFallback(DynamoConfig.Reference());

    [Fact]
    public void The_reference_configuration_binds_to_the_defaults()
    {
        var bound = StorageSettings.FromConfig(DynamoConfig.Reference(), "node1");
        Assert.Equal(new StorageSettings(), bound);
    }

    [Fact]
    public void Node_file_values_override_the_reference()
    {
        var settings = StorageSettings.FromConfig(WithReference("""
            dynamo.persistence {
              plugin = postgresql
              postgresql.connection-string = "Host=127.0.0.1;Database=dynamo"
              sqlite.synchronous = normal
              group-commit.max-bytes-per-commit = 1MiB
            }
            """), "node-7");
        Assert.Equal(StoragePlugins.PostgreSql, settings.Plugin);
        Assert.Equal("node-7", settings.NodeId);
        Assert.Equal("Host=127.0.0.1;Database=dynamo", settings.PostgreSql.ConnectionString);
        Assert.Equal(SynchronousMode.Normal, settings.Sqlite.Synchronous);
        Assert.Equal(1024 * 1024, settings.GroupCommit.MaxBytesPerCommit);
    }

    // Akka's HOCON keeps no file positions, so the error names the full key and the value written.
    [Fact]
    public void An_unknown_plugin_names_the_key_and_the_value()
    {
        var e = Assert.Throws<ConfigurationException>(() =>
            StorageSettings.FromConfig(WithReference("dynamo.persistence.plugin = rocksdb"), "node1"));
        Assert.StartsWith("dynamo.persistence.plugin:", e.Message);
        Assert.Contains("rocksdb", e.Message);
    }

    [Fact]
    public void An_unknown_synchronous_mode_is_refused()
    {
        var e = Assert.Throws<ConfigurationException>(() =>
            StorageSettings.FromConfig(WithReference("dynamo.persistence.sqlite.synchronous = sometimes"), "node1"));
        Assert.StartsWith("dynamo.persistence.sqlite.synchronous:", e.Message);
    }

    [Fact]
    public void Postgresql_without_a_connection_string_is_refused_at_start()
    {
        var e = Assert.Throws<ConfigurationException>(() =>
            StorageSettings.FromConfig(WithReference("dynamo.persistence.plugin = postgresql"), "node1"));
        Assert.StartsWith("dynamo.persistence.postgresql.connection-string:", e.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_key()
    {
        var e = Assert.Throws<ConfigurationException>(() =>
            StorageSettings.FromConfig(WithReference("dynamo.persistence.group-commit.queue-capacity = lots"), "node1"));
        Assert.StartsWith("dynamo.persistence.group-commit.queue-capacity:", e.Message);
    }
}
