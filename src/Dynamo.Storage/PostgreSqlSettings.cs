namespace Dynamo.Storage;

/// <summary>Settings of the PostgreSQL plugin (<c>dynamo.persistence.postgresql</c>).</summary>
public sealed record PostgreSqlSettings
{
    /// <summary>An Npgsql connection string (host, port, database, user, password, pool sizes).</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>
    /// The schema holding this node's tables. Empty means <c>dynamo_</c> followed by the node id, so
    /// several nodes can share one database. Lower-case letters, digits and underscores only.
    /// </summary>
    public string Schema { get; init; } = "";

    /// <summary>How long one statement may run before it fails.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
