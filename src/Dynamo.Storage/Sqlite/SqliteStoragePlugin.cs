using Dynamo.Storage.GroupCommit;

namespace Dynamo.Storage.Sqlite;

/// <summary>
/// The embedded default: one SQLite file per node in WAL mode, written by a single writer thread
/// that group-commits queued writes, read through a pool of read-only connections.
/// </summary>
public sealed class SqliteStoragePlugin : IStoragePlugin
{
    private readonly PluginLifetime lifetime;
    private readonly WriteQueue queue;
    private readonly SqliteWriter writer;
    private readonly SqliteReaderPool readers;

    private SqliteStoragePlugin(SqliteConnectionFactory factory, Microsoft.Data.Sqlite.SqliteConnection writerConnection, GroupCommitSettings groupCommit)
    {
        Path = factory.Path;
        lifetime = new PluginLifetime($"sqlite:{Path}");
        queue = new WriteQueue(groupCommit, lifetime.StoreName);
        readers = new SqliteReaderPool(factory, lifetime);
        writer = new SqliteWriter(writerConnection, queue, Path);
        KeyValues = new SqliteKeyValueStore(readers, queue, lifetime, Path);
        Hints = new SqliteHintStore(readers, queue, lifetime, Path);
        Metadata = new SqliteMetadataStore(readers, queue, lifetime, Path);
    }

    /// <summary>The full path of the node's database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Name => StoragePlugins.Sqlite;

    /// <inheritdoc />
    public IKeyValueStore KeyValues { get; }

    /// <inheritdoc />
    public IHintStore Hints { get; }

    /// <inheritdoc />
    public IMetadataStore Metadata { get; }

    /// <summary>Transactions the writer committed, for tests that check writes were grouped.</summary>
    internal long Commits => writer.Commits;

    /// <summary>
    /// Opens (creating when missing) the node's database file, checking that it is a SQLite file
    /// of this plugin with a schema version this build supports.
    /// </summary>
    /// <exception cref="StorageCorruptionException">The file is not a SQLite database, or not ours.</exception>
    /// <exception cref="StorageSchemaVersionException">The file was written by a newer release.</exception>
    /// <exception cref="StorageUnavailableException">The directory or file cannot be created or opened.</exception>
    public static Task<SqliteStoragePlugin> OpenAsync(SqliteSettings settings, GroupCommitSettings groupCommit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(groupCommit);
        // Opening is synchronous file I/O; run it off the caller's (possibly single-threaded) context.
        return Task.Run(() => Open(settings, groupCommit), cancellationToken);
    }

    private static SqliteStoragePlugin Open(SqliteSettings settings, GroupCommitSettings groupCommit)
    {
        var factory = new SqliteConnectionFactory(settings);
        factory.CheckFile();
        Microsoft.Data.Sqlite.SqliteConnection? connection = null;
        try
        {
            connection = factory.OpenWriter();
            SqliteSchema.Ensure(connection, factory.Path);
            return new SqliteStoragePlugin(factory, connection, groupCommit);
        }
        catch (Exception e)
        {
            connection?.Dispose();
            throw SqliteErrors.Translate(e, factory.Path, "open the store");
        }
    }

    /// <summary>Stops taking writes, commits those already queued, then closes the file.</summary>
    public ValueTask DisposeAsync()
    {
        if (!lifetime.TryClose())
            return ValueTask.CompletedTask;
        queue.Close();
        return new ValueTask(Task.Run(() =>
        {
            writer.Join();
            writer.Dispose();
            readers.Dispose();
        }));
    }
}
