using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Dynamo.Configuration;
using Dynamo.Kv.Persistence;
using Dynamo.TestSupport;
using Microsoft.Data.Sqlite;

namespace Dynamo.Kv.Tests.Persistence;

/// <summary>The node's journal and snapshot store as <see cref="JournalConfig"/> sets them up, on SQLite and in memory.</summary>
public sealed class JournalConfigTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeFactor.Dilated(TimeSpan.FromSeconds(10));
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-journal-tests", Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 60_000)]
    public async Task Events_persisted_to_a_sqlite_file_are_recovered_by_a_second_actor_system()
    {
        var config = Sqlite();

        await using (var first = await StartAsync(config))
        {
            var actor = first.System.ActorOf(RecordingActor.Props("vnode-7"));
            foreach (var text in new[] { "a", "b", "c" })
                Assert.Equal(new RecordingActor.Persisted(text), await actor.Ask<RecordingActor.Persisted>(text, Wait));
        }

        await using var second = await StartAsync(config);
        var recovered = second.System.ActorOf(RecordingActor.Props("vnode-7"));
        var other = second.System.ActorOf(RecordingActor.Props("vnode-8"));

        Assert.Equal(["a", "b", "c"], await recovered.Ask<string[]>(RecordingActor.Events.Instance, Wait));
        Assert.Empty(await other.Ask<string[]>(RecordingActor.Events.Instance, Wait));
        Assert.True(File.Exists(Path.Combine(_directory, "journal.db")));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_sqlite_file_is_in_wal_mode_with_full_synchronous_on_the_plugins_connections()
    {
        var dynamo = Sqlite();
        var config = JournalConfig.For(dynamo, "127.0.0.1:4053");
        await using (var node = await StartAsync(dynamo))
        {
            var actor = node.System.ActorOf(RecordingActor.Props("hints"));
            await actor.Ask<RecordingActor.Persisted>("hint", Wait);
        }

        // A connection opened the way the plugins open theirs: their connection options, through linq2db.
        Assert.Equal("wal", JournalConfig.QueryLikeThePlugin(dynamo, "PRAGMA journal_mode"));
        Assert.Equal(2L, JournalConfig.QueryLikeThePlugin(dynamo, "PRAGMA synchronous")); // 2 = FULL
        Assert.Equal(1L, JournalConfig.QueryLikeThePlugin(dynamo, "SELECT count(*) FROM journal WHERE persistence_id = 'hints'"));

        // A bare connection on the plugins' connection string, fresh (not one the pool kept): FULL is also what
        // SQLite gives every connection by default, so the plugins write with it even without SetupFor.
        var builder = new SqliteConnectionStringBuilder(config.GetString("akka.persistence.journal.sql.connection-string")) { Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal(Path.Combine(_directory, "journal.db"), builder.DataSource);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal("2", await ScalarAsync(connection, "PRAGMA synchronous"));
    }

    [Fact]
    public void Synchronous_normal_reaches_the_plugins_connections()
    {
        var dynamo = Sqlite("dynamo.persistence.sqlite.synchronous = normal");
        JournalConfig.For(dynamo, "n");

        Assert.Equal(1L, JournalConfig.QueryLikeThePlugin(dynamo, "PRAGMA synchronous")); // 1 = NORMAL
        Assert.Equal("wal", JournalConfig.QueryLikeThePlugin(dynamo, "PRAGMA journal_mode"));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgresql")]
    public void Only_sqlite_needs_a_setup(string plugin)
    {
        var config = Dynamo($"""
            dynamo.persistence.plugin = {plugin}
            dynamo.persistence.postgresql.connection-string = "Host=127.0.0.1;Port=1"
            """);

        Assert.Null(JournalConfig.SetupFor(config, "n"));
        Assert.NotNull(JournalConfig.SetupFor(Sqlite(), "n"));
    }

    [Fact]
    public void Both_sql_plugins_are_selected_and_create_their_tables()
    {
        var config = JournalConfig.For(Sqlite(), "127.0.0.1:4053");

        Assert.Equal(JournalConfig.SqlJournalPluginId, config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal(JournalConfig.SqlSnapshotStorePluginId, config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.True(config.GetBoolean("akka.persistence.journal.sql.auto-initialize"));
        Assert.True(config.GetBoolean("akka.persistence.snapshot-store.sql.auto-initialize"));
        Assert.Equal(1, config.GetInt("akka.persistence.journal.sql.parallelism"));
        // The plugin's own defaults are there, not only what the node sets.
        Assert.Equal("Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql", config.GetString("akka.persistence.journal.sql.class"));
    }

    [Fact]
    public void Batching_settings_reach_the_journal()
    {
        var config = JournalConfig.For(Sqlite("dynamo.persistence.journal { batch-size = 17, buffer-size = 123 }"), "n");

        Assert.Equal(17, config.GetInt("akka.persistence.journal.sql.batch-size"));
        Assert.Equal(123, config.GetInt("akka.persistence.journal.sql.buffer-size"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Memory_plugin_uses_akkas_in_memory_journal_and_snapshot_store()
    {
        var dynamo = Dynamo("dynamo.persistence.plugin = memory");
        var config = JournalConfig.For(dynamo, "n");

        Assert.Equal(JournalConfig.InMemoryJournalPluginId, config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal(JournalConfig.InMemorySnapshotStorePluginId, config.GetString("akka.persistence.snapshot-store.plugin"));
        await using var node = await StartAsync(dynamo);
        var actor = node.System.ActorOf(RecordingActor.Props("p"));
        Assert.Equal(new RecordingActor.Persisted("x"), await actor.Ask<RecordingActor.Persisted>("x", Wait));
        Assert.False(Directory.Exists(_directory));
    }

    [Theory]
    [InlineData("dynamo.persistence.plugin = mongodb", "dynamo.persistence.plugin")]
    [InlineData("dynamo.persistence.sqlite.synchronous = sometimes", "dynamo.persistence.sqlite.synchronous")]
    [InlineData("dynamo.persistence.sqlite.busy-timeout = soon", "dynamo.persistence.sqlite.busy-timeout")]
    [InlineData("dynamo.persistence.sqlite.file-name = \"nested/journal.db\"", "dynamo.persistence.sqlite.file-name")]
    [InlineData("dynamo.persistence.journal.batch-size = 0", "dynamo.persistence.journal.batch-size")]
    [InlineData("dynamo.persistence.journal.buffer-size = many", "dynamo.persistence.journal.buffer-size")]
    public void Bad_value_is_refused_naming_its_key(string setting, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => JournalConfig.For(Sqlite(setting), "n"));
        var setupError = Assert.Throws<ConfigurationException>(() => JournalConfig.SetupFor(Sqlite(setting), "n"));

        Assert.StartsWith(key + ":", error.Message);
        Assert.StartsWith(key + ":", setupError.Message);
    }

    [Theory]
    [InlineData("dynamo.persistence.postgresql.connection-string = \"\"", "dynamo.persistence.postgresql.connection-string")]
    [InlineData("dynamo.persistence.postgresql.connection-string = \"Host=127.0.0.1;Bogus Key=1\"", "dynamo.persistence.postgresql.connection-string")]
    [InlineData("dynamo.persistence.postgresql.schema = \"Not-A-Schema\"", "dynamo.persistence.postgresql.schema")]
    [InlineData("dynamo.persistence.postgresql.command-timeout = 0s", "dynamo.persistence.postgresql.command-timeout")]
    [InlineData("dynamo.persistence.journal.postgresql-parallelism = 0", "dynamo.persistence.journal.postgresql-parallelism")]
    public void Bad_postgresql_value_is_refused_naming_its_key_before_connecting(string setting, string key)
    {
        var config = Dynamo($"""
            dynamo.persistence.plugin = postgresql
            dynamo.persistence.postgresql.connection-string = "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none"
            {setting}
            """);

        var error = Assert.Throws<ConfigurationException>(() => JournalConfig.For(config, "n"));

        Assert.StartsWith(key + ":", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_sqlite_database_is_refused_naming_the_file_key()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "journal.db"), "certainly not a SQLite database, but long enough to have a header");

        var error = Assert.Throws<ConfigurationException>(() => JournalConfig.For(Sqlite(), "n"));

        Assert.StartsWith("dynamo.persistence.sqlite.file-name:", error.Message);
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private Config Sqlite(string extra = "") => Dynamo($"""
        dynamo.persistence.plugin = sqlite
        dynamo.persistence.sqlite.data-directory = "{_directory}"
        dynamo.persistence.sqlite.file-name = "journal.db"
        {extra}
        """);

    private static Config Dynamo(string hocon) => ConfigurationFactory.ParseString(hocon).WithFallback(DynamoConfig.Reference());

    /// <summary>An actor system on the node configuration <paramref name="dynamo"/>'s journal: <see cref="JournalConfig.For"/> and <see cref="JournalConfig.SetupFor"/>.</summary>
    private static Task<TestNode> StartAsync(Config dynamo) =>
        TestNode.StartAsync(JournalConfig.For(dynamo, "127.0.0.1:4053"), JournalConfig.SetupFor(dynamo, "127.0.0.1:4053"), Wait);

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
