namespace Dynamo.Actors.Persistence;

/// <summary>
/// The settings of a node's storage plugin, bound from the <c>dynamo.persistence</c> section of
/// the configuration. The defaults are those of <c>hocon/persistence.reference.conf</c>.
/// </summary>
public sealed record StorageSettings
{
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
}
