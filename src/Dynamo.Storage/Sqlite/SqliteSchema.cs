using Microsoft.Data.Sqlite;

namespace Dynamo.Storage.Sqlite;

/// <summary>
/// The tables of a node's SQLite file and their version. The version lives in the file header
/// (<c>PRAGMA user_version</c>) so it changes atomically with the tables; the application id
/// marks the file as ours so that another program's database is never written into.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The schema version this build reads and writes.</summary>
    public const int Version = 1;

    /// <summary>"DYNO" in ASCII, stored in the SQLite header's application id field.</summary>
    public const int ApplicationId = 0x44594E4F;

    // A rowid table, not WITHOUT ROWID: values can be a MiB and SQLite advises rowid tables
    // for large rows. Length and checksum make truncated or altered values detectable.
    private const string CreateVersion1 = """
        CREATE TABLE kv (
            partition INTEGER NOT NULL,
            key       BLOB    NOT NULL,
            value     BLOB    NOT NULL,
            length    INTEGER NOT NULL,
            checksum  INTEGER NOT NULL,
            PRIMARY KEY (partition, key));
        CREATE TABLE hints (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            owner     TEXT    NOT NULL,
            partition INTEGER NOT NULL,
            key       BLOB    NOT NULL,
            value     BLOB    NOT NULL,
            length    INTEGER NOT NULL,
            checksum  INTEGER NOT NULL);
        CREATE INDEX hints_by_owner ON hints (owner, id);
        CREATE INDEX hints_by_key ON hints (owner, partition, key);
        CREATE TABLE metadata (
            name      TEXT    NOT NULL PRIMARY KEY,
            value     BLOB    NOT NULL,
            length    INTEGER NOT NULL,
            checksum  INTEGER NOT NULL);
        """;

    /// <summary>Creates the schema in a new file, or checks that an existing file is ours and not newer.</summary>
    public static void Ensure(SqliteConnection connection, string path)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Scalar(connection, transaction, "PRAGMA user_version");
        var applicationId = Scalar(connection, transaction, "PRAGMA application_id");
        if (version > Version)
            throw new StorageSchemaVersionException(path, (int)version, Version);
        if (applicationId != 0 && applicationId != ApplicationId)
            throw new StorageCorruptionException(
                $"{path} is a SQLite database of another application (application id 0x{applicationId:X8}); refusing to write into it.");
        if (version == Version)
        {
            if (applicationId != ApplicationId)
                throw new StorageCorruptionException($"{path} has schema version {version} but is not marked as a Dynamo store; refusing to write into it.");
            return;
        }
        var tables = Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master");
        if (tables != 0)
            throw new StorageCorruptionException(
                $"{path} is a SQLite database that already holds {tables} tables or indexes but no Dynamo schema version; refusing to write into it.");
        Execute(connection, transaction, CreateVersion1);
        Execute(connection, transaction, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {Version};");
        transaction.Commit();
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
