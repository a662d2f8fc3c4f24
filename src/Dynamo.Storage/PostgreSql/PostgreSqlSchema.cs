using Npgsql;

namespace Dynamo.Storage.PostgreSql;

/// <summary>
/// A node's tables inside its own PostgreSQL schema, and their version. Several nodes can share
/// one database, each in its own schema; creation and upgrades take an advisory lock so that two
/// processes opening the same schema at once do not race.
/// </summary>
internal sealed class PostgreSqlSchema(string name)
{
    /// <summary>The schema version this build reads and writes.</summary>
    public const int Version = 1;

    /// <summary>The schema name, already validated as a plain identifier.</summary>
    public string Name { get; } = name;

    /// <summary>A table of this schema, quoted for use in SQL.</summary>
    public string Table(string table) => $"\"{Name}\".\"{table}\"";

    /// <summary>Creates the schema's tables in a new schema, or checks an existing one is not newer.</summary>
    public async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock(hashtext('dynamo.schema.{Name}'))", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"""
            CREATE SCHEMA IF NOT EXISTS "{Name}";
            CREATE TABLE IF NOT EXISTS {Table("schema_version")} (version integer NOT NULL);
            """, cancellationToken).ConfigureAwait(false);
        await using (var read = new NpgsqlCommand($"SELECT max(version) FROM {Table("schema_version")}", connection))
        {
            var found = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (found is int version)
            {
                if (version > Version)
                    throw new StorageSchemaVersionException($"PostgreSQL schema \"{Name}\"", version, Version);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        await ExecuteAsync(connection, $"""
            CREATE TABLE {Table("kv")} (
                partition integer NOT NULL,
                key       bytea   NOT NULL,
                value     bytea   NOT NULL,
                length    integer NOT NULL,
                checksum  bigint  NOT NULL,
                PRIMARY KEY (partition, key));
            CREATE SEQUENCE {Table("hint_ids")};
            CREATE TABLE {Table("hints")} (
                id        bigint  NOT NULL PRIMARY KEY,
                owner     text    COLLATE "C" NOT NULL,
                partition integer NOT NULL,
                key       bytea   NOT NULL,
                value     bytea   NOT NULL,
                length    integer NOT NULL,
                checksum  bigint  NOT NULL);
            CREATE INDEX ON {Table("hints")} (owner, id);
            CREATE INDEX ON {Table("hints")} (owner, partition, key);
            CREATE TABLE {Table("metadata")} (
                name      text    COLLATE "C" NOT NULL PRIMARY KEY,
                value     bytea   NOT NULL,
                length    integer NOT NULL,
                checksum  bigint  NOT NULL);
            INSERT INTO {Table("schema_version")} (version) VALUES ({Version});
            """, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
