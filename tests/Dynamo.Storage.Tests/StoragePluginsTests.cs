using Dynamo.Storage.InMemory;
using Dynamo.Storage.Sqlite;
using Dynamo.Storage.Tests.Support;

namespace Dynamo.Storage.Tests;

/// <summary>The factory opens the plugin the settings name, and refuses settings it cannot honour.</summary>
public sealed class StoragePluginsTests
{
    [Fact]
    public async Task Memory_plugin_is_opened_by_name()
    {
        await using var plugin = await StoragePlugins.CreateAsync(new StorageSettings { Plugin = "memory" });

        Assert.IsType<InMemoryStoragePlugin>(plugin);
        Assert.Equal("memory", plugin.Name);
    }

    [Fact]
    public async Task Sqlite_plugin_creates_its_file_in_the_data_directory()
    {
        using var directory = new TempDirectory();
        var settings = new StorageSettings { Sqlite = new SqliteSettings { DataDirectory = Path.Combine(directory.Path, "node1") } };

        await using (var plugin = await StoragePlugins.CreateAsync(settings))
            Assert.Equal(Path.Combine(directory.Path, "node1", "dynamo.db"), Assert.IsType<SqliteStoragePlugin>(plugin).Path);

        Assert.True(File.Exists(Path.Combine(directory.Path, "node1", "dynamo.db")));
    }

    [Fact]
    public async Task Unknown_plugin_name_is_rejected_with_the_names_that_exist()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => StoragePlugins.CreateAsync(new StorageSettings { Plugin = "leveldb" }));

        Assert.Contains("'leveldb'", error.Message);
        Assert.Contains("sqlite", error.Message);
    }

    [Fact]
    public async Task Postgresql_plugin_without_a_connection_string_is_rejected()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => StoragePlugins.CreateAsync(new StorageSettings { Plugin = "postgresql" }));

        Assert.Contains("connection-string", error.Message);
    }
}
