using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Dynamo.Configuration;
using LinqToDB;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dynamo.Kv.Persistence;

/// <summary>
/// The Akka.Persistence settings of a node: its <c>dynamo.persistence</c> section turned into the journal and
/// snapshot store its vnodes and hints persist to. <c>sqlite</c> and <c>postgresql</c> use Akka.Persistence.Sql
/// (one SQLite file per node, or the node's own schema on a shared PostgreSQL server: shared-nothing);
/// <c>memory</c> uses Akka's in-memory journal and snapshot store.
/// </summary>
public static partial class JournalConfig
{
    /// <summary>Path of the Akka.Persistence.Sql journal plugin this configuration selects.</summary>
    public const string SqlJournalPluginId = SqlPersistence.JournalConfigPath;

    /// <summary>Path of the Akka.Persistence.Sql snapshot store plugin this configuration selects.</summary>
    public const string SqlSnapshotStorePluginId = SqlPersistence.SnapshotStoreConfigPath;

    /// <summary>Path of the Akka.Persistence.Sql read journal (Akka.Persistence.Query) reading the same tables.</summary>
    public const string SqlReadJournalPluginId = SqlPersistence.QueryConfigPath;

    /// <summary>Path of Akka's in-memory journal, selected by the <c>memory</c> plugin.</summary>
    public const string InMemoryJournalPluginId = "akka.persistence.journal.inmem";

    /// <summary>Path of Akka's in-memory snapshot store, selected by the <c>memory</c> plugin.</summary>
    public const string InMemorySnapshotStorePluginId = "akka.persistence.snapshot-store.inmem";

    private const string Section = "dynamo.persistence";

    /// <summary>
    /// The <c>akka.persistence</c> configuration of the node <paramref name="nodeId"/>, with
    /// <see cref="SqlPersistence.DefaultConfiguration"/> as its fallback (the plugin's own defaults are not loaded
    /// otherwise). Put it in front of the node's configuration when creating the actor system, with
    /// <see cref="SetupFor"/> beside it when there is one:
    /// <code>
    /// var bootstrap = BootstrapSetup.Create().WithConfig(JournalConfig.For(config, id).WithFallback(config));
    /// var setup = JournalConfig.SetupFor(config, id) is { } journal ? ActorSystemSetup.Create(bootstrap, journal) : ActorSystemSetup.Create(bootstrap);
    /// </code>
    /// </summary>
    /// <remarks>
    /// <para>It also prepares the store, so that the plugin finds it ready. <c>sqlite</c>: creates the data
    /// directory and the file <c>sqlite.file-name</c> in it and turns the file to WAL mode, which SQLite keeps in the
    /// file (neither Microsoft.Data.Sqlite nor Akka.Persistence.Sql has a connection-string key or setting for it).
    /// <c>postgresql</c>: creates the node's schema, <c>postgresql.schema</c> or <c>dynamo_</c> followed by the
    /// node id (the plugin creates its tables but not their schema). Both SQL plugins create their tables on first
    /// use (<c>auto-initialize</c>).</para>
    /// </remarks>
    /// <param name="dynamoConfig">The node's configuration, with the reference configuration as its fallback.</param>
    /// <param name="nodeId">The node's id (host:port); names the node's PostgreSQL schema when none is configured.</param>
    /// <returns>The configuration that selects and sets up the journal and snapshot store plugins.</returns>
    /// <exception cref="ConfigurationException">
    /// A value of <c>dynamo.persistence</c> is missing, of the wrong type or out of range, the data directory cannot
    /// be created, or the file is not a SQLite database; the message starts with the full key.
    /// </exception>
    /// <exception cref="NpgsqlException">The PostgreSQL server cannot be reached to create the node's schema.</exception>
    public static Config For(Config dynamoConfig, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(dynamoConfig);
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        var c = dynamoConfig.GetConfig(Section) ?? throw ConfigErrors.InvalidValue("dynamo", "persistence", "is missing");
        return ReadPlugin(c) switch
        {
            "memory" => InMemory(),
            "sqlite" => Sqlite(SqliteTarget.Read(c)),
            _ => PostgreSql(c, nodeId),
        };
    }

    /// <summary>
    /// What the SQL plugins need beside <see cref="For"/>'s configuration, as a setup of the actor system; null
    /// when they need nothing (<c>memory</c>, <c>postgresql</c>). For <c>sqlite</c>, the plugins' connections
    /// (Akka.Persistence.Sql's <see cref="DataOptionsSetup"/>, which every Akka.Persistence.Sql plugin of the actor
    /// system uses, on the same file as <see cref="For"/>):
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item><description>Every connection the plugins open gets <c>sqlite.synchronous</c> (<c>PRAGMA synchronous</c>):
    /// the setting belongs to each connection, not to the file, and the plugins run no statement of their own when
    /// they open one. Without this setup every connection keeps SQLite's built-in default, FULL (the bundled SQLite
    /// is built with FULL as the default, in WAL mode too), so <c>normal</c> would have no effect.</description></item>
    /// <item><description>The journal's writes batch: Microsoft.Data.Sqlite does all its work synchronously, even
    /// behind its asynchronous methods, so without this setup the journal's write stream writes one actor's events
    /// to the end, commit and fsync included, before it takes the next actor's: every write is a transaction of
    /// its own. The setup starts each connection's work asynchronously, and the writes that arrive meanwhile are
    /// committed together, up to <c>journal.batch-size</c> events in one transaction.</description></item>
    /// </list>
    /// </remarks>
    /// <param name="dynamoConfig">The node's configuration, with the reference configuration as its fallback.</param>
    /// <param name="nodeId">The node's id (host:port), as given to <see cref="For"/>; no plugin's setup depends on it yet.</param>
    /// <exception cref="ConfigurationException">A value of <c>dynamo.persistence</c> is missing, of the wrong type or out of range.</exception>
    public static Setup? SetupFor(Config dynamoConfig, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(dynamoConfig);
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        var c = dynamoConfig.GetConfig(Section) ?? throw ConfigErrors.InvalidValue("dynamo", "persistence", "is missing");
        return ReadPlugin(c) == "sqlite" ? new DataOptionsSetup(SqliteDataOptions(SqliteTarget.Read(c))) : null;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> on a connection opened the way the SQL plugins open theirs (the options of
    /// <see cref="SetupFor"/>) and returns its first value: what the plugins' connections see of the file.
    /// </summary>
    internal static object? QueryLikeThePlugin(Config dynamoConfig, string sql)
    {
        var c = dynamoConfig.GetConfig(Section);
        using var connection = new LinqToDB.Data.DataConnection(SqliteDataOptions(SqliteTarget.Read(c)));
        using var command = connection.OpenDbConnection().CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The plugin <c>dynamo.persistence.plugin</c> names: <c>memory</c>, <c>sqlite</c> or <c>postgresql</c>.</summary>
    /// <exception cref="ConfigurationException">The key is missing or names no plugin.</exception>
    public static string PluginOf(Config dynamoConfig)
    {
        ArgumentNullException.ThrowIfNull(dynamoConfig);
        return ReadPlugin(dynamoConfig.GetConfig(Section) ?? throw ConfigErrors.InvalidValue("dynamo", "persistence", "is missing"));
    }

    private static string ReadPlugin(Config c)
    {
        var plugin = c.ReadString(Section, "plugin");
        return plugin is "memory" or "sqlite" or "postgresql"
            ? plugin
            : throw Invalid("plugin", $"unknown storage plugin '{plugin}' (expected memory, sqlite or postgresql)");
    }

    private static Config InMemory() => ConfigurationFactory.ParseString($"""
        akka.persistence.journal.plugin = "{InMemoryJournalPluginId}"
        akka.persistence.snapshot-store.plugin = "{InMemorySnapshotStorePluginId}"
        """);

    private static Config Sqlite(SqliteTarget target)
    {
        PrepareSqliteFile(target);
        // SQLite has one writer: a second transaction in flight would only wait for the first, and
        // Microsoft.Data.Sqlite waits for a locked file by sleeping 150 ms between tries; so batches are written
        // one at a time. Reads run in a deferred transaction (BEGIN) instead of Microsoft.Data.Sqlite's default
        // BEGIN IMMEDIATE, which takes the write lock: in WAL mode a reader then never waits for a commit, and
        // isolation stays serializable (SQLite applies read-uncommitted to shared-cache connections only).
        // Event payloads are bound as parameters: inlined, each 1 KiB value becomes 2 KiB of hex for SQLite to parse.
        return Sql(LinqToDB.ProviderName.SQLiteMS, target.ConnectionString, schema: null, target.Batching, parallelism: 1,
            readIsolationLevel: "read-uncommitted", journalExtra: "prefer-parameters-on-multirow-insert = on");
    }

    /// <summary>The SQLite plugins' connections: <see cref="SetupFor"/> explains what they add to the connection string.</summary>
    private static DataOptions SqliteDataOptions(SqliteTarget target)
    {
        var pragma = $"PRAGMA synchronous = {target.Synchronous}";
        return new DataOptions()
            .UseConnectionString(LinqToDB.ProviderName.SQLiteMS, target.ConnectionString)
            .UseAfterConnectionOpened(
                connection => Execute(connection, pragma),
                async (connection, _) =>
                {
                    await Task.Yield();
                    Execute(connection, pragma);
                });

        static void Execute(DbConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private static Config PostgreSql(Config c, string nodeId)
    {
        var connectionString = c.ReadString(Section, "postgresql.connection-string");
        var configuredSchema = c.ReadString(Section, "postgresql.schema");
        var commandTimeout = c.ReadTimeSpan(Section, "postgresql.command-timeout");
        var batching = JournalBatching.Read(c);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw Invalid("postgresql.connection-string", "the postgresql plugin needs a connection string");
        if (commandTimeout <= TimeSpan.Zero) throw Invalid("postgresql.command-timeout", "must be positive");
        var schema = configuredSchema.Length > 0 ? configuredSchema : "dynamo_" + InvalidSchemaCharacters().Replace(nodeId.ToLowerInvariant(), "_");
        if (!ValidSchemaName().IsMatch(schema))
        {
            var key = configuredSchema.Length > 0 ? "postgresql.schema" : "postgresql.schema (empty, so derived from the node id)";
            throw Invalid(key, $"'{schema}' is not a valid schema name: use 1 to 63 lower-case letters, digits or underscores, not starting with a digit");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString)
            {
                CommandTimeout = (int)Math.Ceiling(commandTimeout.TotalSeconds),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ConfigurationException($"{Section}.postgresql.connection-string: not a valid Npgsql connection string: {e.Message}", e);
        }
        CreateSchema(builder.ToString(), schema);

        return Sql(LinqToDB.ProviderName.PostgreSQL15, builder.ToString(), schema, batching, batching.PostgreSqlParallelism,
            readIsolationLevel: "unspecified", journalExtra: "");
    }

    /// <summary>
    /// Selects the Akka.Persistence.Sql journal and snapshot store on one connection string, with the read journal
    /// on the same tables, and falls back to the plugin's defaults.
    /// </summary>
    private static Config Sql(
        string providerName, string connectionString, string? schema, JournalBatching batching, int parallelism, string readIsolationLevel, string journalExtra)
    {
        var common = $"""
            connection-string = {Quote(connectionString)}
            provider-name = {Quote(providerName)}
            read-isolation-level = {readIsolationLevel}
            {(schema is null ? "" : $"default.schema-name = {Quote(schema)}")}
            """;
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "{{SqlJournalPluginId}}"
                sql {
                  {{common}}
                  auto-initialize = on
                  parallelism = {{parallelism.ToString(CultureInfo.InvariantCulture)}}
                  batch-size = {{batching.BatchSize.ToString(CultureInfo.InvariantCulture)}}
                  buffer-size = {{batching.BufferSize.ToString(CultureInfo.InvariantCulture)}}
                  {{journalExtra}}
                }
              }
              snapshot-store {
                plugin = "{{SqlSnapshotStorePluginId}}"
                sql {
                  {{common}}
                  auto-initialize = on
                }
              }
              query.journal.sql {
                {{common}}
                write-plugin = "{{SqlJournalPluginId}}"
              }
            }
            """).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>Creates the data directory and the database file, and turns the file to WAL mode.</summary>
    private static void PrepareSqliteFile(SqliteTarget target)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target.Path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ConfigurationException($"{Section}.sqlite.data-directory: cannot create '{target.Directory}': {e.Message}", e);
        }
        try
        {
            using var connection = new SqliteConnection(target.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            // WAL is a property of the file, kept across connections and restarts: once is enough. A commit then
            // appends to the log (and with synchronous = FULL syncs it), and readers never wait for the writer.
            command.CommandText = "PRAGMA journal_mode = WAL";
            var mode = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new ConfigurationException($"{Section}.sqlite.file-name: SQLite refused WAL mode for {target.Path} (journal mode is {mode})");
        }
        catch (SqliteException e)
        {
            throw new ConfigurationException($"{Section}.sqlite.file-name: cannot open {target.Path} as a SQLite database: {e.Message}", e);
        }
    }

    /// <summary>Creates the node's schema when missing; the plugin creates its tables in it.</summary>
    private static void CreateSchema(string connectionString, string schema)
    {
        using var dataSource = NpgsqlDataSource.Create(connectionString);
        using var command = dataSource.CreateCommand($"CREATE SCHEMA IF NOT EXISTS \"{schema}\"");
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateSchema or PostgresErrorCodes.UniqueViolation)
        {
            // Another process created it between the check and the creation: it exists, which is all we need.
        }
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static ConfigurationException Invalid(string key, string problem) => ConfigErrors.InvalidValue(Section, key, problem);

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex ValidSchemaName();

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex InvalidSchemaCharacters();

    /// <summary>How the SQL journal groups persisted events into transactions (<c>dynamo.persistence.journal</c>).</summary>
    private sealed record JournalBatching(int BatchSize, int BufferSize, int PostgreSqlParallelism)
    {
        public static JournalBatching Read(Config c)
        {
            var batching = new JournalBatching(
                c.ReadInt(Section, "journal.batch-size"),
                c.ReadInt(Section, "journal.buffer-size"),
                c.ReadInt(Section, "journal.postgresql-parallelism"));
            if (batching.BatchSize < 1) throw Invalid("journal.batch-size", "must be at least 1");
            if (batching.BufferSize < 1) throw Invalid("journal.buffer-size", "must be at least 1");
            if (batching.PostgreSqlParallelism < 1) throw Invalid("journal.postgresql-parallelism", "must be at least 1");
            return batching;
        }
    }

    /// <summary>The node's SQLite file and how the plugins open it (<c>dynamo.persistence.sqlite</c>).</summary>
    private sealed record SqliteTarget(string Directory, string Path, string ConnectionString, string Synchronous, JournalBatching Batching)
    {
        public static SqliteTarget Read(Config c)
        {
            var directory = c.ReadString(Section, "sqlite.data-directory");
            var fileName = c.ReadString(Section, "sqlite.file-name");
            var synchronous = c.ReadString(Section, "sqlite.synchronous");
            var busyTimeout = c.ReadTimeSpan(Section, "sqlite.busy-timeout");
            var batching = JournalBatching.Read(c);
            if (string.IsNullOrWhiteSpace(directory)) throw Invalid("sqlite.data-directory", "must name a directory");
            if (string.IsNullOrWhiteSpace(fileName) || fileName.IndexOfAny(['/', '\\']) >= 0)
                throw Invalid("sqlite.file-name", $"'{fileName}' is not a file name (no directories: they belong in sqlite.data-directory)");
            if (synchronous.ToLowerInvariant() is not ("full" or "normal"))
                throw Invalid("sqlite.synchronous", $"'{synchronous}' is not a synchronous mode (expected full or normal)");
            if (busyTimeout <= TimeSpan.Zero) throw Invalid("sqlite.busy-timeout", "must be positive");

            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, fileName));
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                // The plugins open a connection for every batch they write or read: the pool keeps the file open
                // between them instead of reopening it and reading its schema each time.
                Pooling = true,
                // Microsoft.Data.Sqlite retries a statement that finds the file locked until this many seconds passed.
                DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
            }.ToString();
            return new SqliteTarget(directory, path, connectionString, synchronous.ToUpperInvariant(), batching);
        }
    }
}
