using Akka.Configuration;
using Dynamo.Configuration;

namespace Dynamo.Storage;

/// <summary>
/// The settings of a node's storage plugin, bound from the <c>dynamo.persistence</c> section of
/// the configuration. The defaults are those of <c>hocon/reference.conf</c>.
/// </summary>
public sealed record StorageSettings
{
    private const string Section = "dynamo.persistence";

    /// <summary>Which plugin to open: <c>memory</c>, <c>sqlite</c> or <c>postgresql</c>.</summary>
    public string Plugin { get; init; } = StoragePlugins.Sqlite;

    /// <summary>
    /// The node's id. It names the node's schema in a PostgreSQL database shared by several
    /// nodes when <see cref="PostgreSqlSettings.Schema"/> is empty.
    /// </summary>
    public string NodeId { get; init; } = "node1";

    /// <summary>Settings of the SQLite plugin.</summary>
    public SqliteSettings Sqlite { get; init; } = new();

    /// <summary>Settings of the PostgreSQL plugin.</summary>
    public PostgreSqlSettings PostgreSql { get; init; } = new();

    /// <summary>How writes are grouped into transactions (both durable plugins).</summary>
    public GroupCommitSettings GroupCommit { get; init; } = new();

    /// <summary>Reads <c>dynamo.persistence</c> from a configuration that has the reference configuration as fallback.</summary>
    /// <param name="config">The node's configuration.</param>
    /// <param name="nodeId">The node's id (it names the PostgreSQL schema when none is configured).</param>
    /// <exception cref="ConfigurationException">A value is unknown, has the wrong type or is out of range; the message names key and position.</exception>
    public static StorageSettings FromConfig(Config config, string nodeId)
    {
        var c = config.GetConfig("dynamo.persistence");
        string plugin = c.ReadString(Section, "plugin");
        if (plugin is not (StoragePlugins.Memory or StoragePlugins.Sqlite or StoragePlugins.PostgreSql))
            throw Invalid("plugin", $"unknown storage plugin '{plugin}' (expected memory, sqlite or postgresql)");
        string synchronous = c.ReadString(Section, "sqlite.synchronous");
        var settings = new StorageSettings
        {
            Plugin = plugin,
            NodeId = nodeId,
            Sqlite = new SqliteSettings
            {
                DataDirectory = c.ReadString(Section, "sqlite.data-directory"),
                FileName = c.ReadString(Section, "sqlite.file-name"),
                Synchronous = synchronous.ToLowerInvariant() switch
                {
                    "full" => SynchronousMode.Full,
                    "normal" => SynchronousMode.Normal,
                    _ => throw Invalid("sqlite.synchronous", $"'{synchronous}' is not a synchronous mode (expected full or normal)"),
                },
                BusyTimeout = c.ReadTimeSpan(Section, "sqlite.busy-timeout"),
                WalAutoCheckpointPages = c.ReadInt(Section, "sqlite.wal-autocheckpoint-pages"),
            },
            PostgreSql = new PostgreSqlSettings
            {
                ConnectionString = c.ReadString(Section, "postgresql.connection-string"),
                Schema = c.ReadString(Section, "postgresql.schema"),
                CommandTimeout = c.ReadTimeSpan(Section, "postgresql.command-timeout"),
            },
            GroupCommit = new GroupCommitSettings
            {
                MaxWritesPerCommit = c.ReadInt(Section, "group-commit.max-writes-per-commit"),
                MaxBytesPerCommit = c.ReadByteSize(Section, "group-commit.max-bytes-per-commit"),
                QueueCapacity = c.ReadInt(Section, "group-commit.queue-capacity"),
            },
        };
        if (plugin == StoragePlugins.PostgreSql && string.IsNullOrWhiteSpace(settings.PostgreSql.ConnectionString))
            throw Invalid("postgresql.connection-string", "the postgresql plugin needs a connection string");
        if (settings.GroupCommit.MaxWritesPerCommit < 1) throw Invalid("group-commit.max-writes-per-commit", "must be at least 1");
        if (settings.GroupCommit.QueueCapacity < 1) throw Invalid("group-commit.queue-capacity", "must be at least 1");
        return settings;
    }

    private static ConfigurationException Invalid(string key, string problem) =>
        ConfigErrors.InvalidValue(Section, key, problem);
}
