using Dynamo.Storage.InMemory;
using Dynamo.Storage.PostgreSql;
using Dynamo.Storage.Sqlite;

namespace Dynamo.Storage;

/// <summary>Opens the storage plugin named by the settings.</summary>
public static class StoragePlugins
{
    /// <summary>The in-memory plugin, for tests and the simulator.</summary>
    public const string Memory = "memory";

    /// <summary>The embedded SQLite plugin, the default.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The PostgreSQL plugin, for production.</summary>
    public const string PostgreSql = "postgresql";

    /// <summary>
    /// Opens the plugin named by <see cref="StorageSettings.Plugin"/>, creating its file or schema
    /// when missing. Opening does I/O, hence asynchronous.
    /// </summary>
    /// <exception cref="ArgumentException">The plugin name is unknown or a setting is invalid.</exception>
    /// <exception cref="StorageException">The store cannot be opened; the subclass says why.</exception>
    public static async Task<IStoragePlugin> CreateAsync(StorageSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Plugin switch
        {
            Memory => new InMemoryStoragePlugin(),
            Sqlite => await SqliteStoragePlugin.OpenAsync(settings.Sqlite, settings.GroupCommit, cancellationToken).ConfigureAwait(false),
            PostgreSql => await PostgreSqlStoragePlugin.OpenAsync(settings.PostgreSql, settings.NodeId, settings.GroupCommit, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException(
                $"Unknown storage plugin '{settings.Plugin}' (dynamo.persistence.plugin); expected {Memory}, {Sqlite} or {PostgreSql}.", nameof(settings)),
        };
    }
}
