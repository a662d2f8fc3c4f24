namespace Dynamo.Storage.InMemory;

/// <summary>
/// Storage held in an <see cref="InMemoryDatabase"/>: for tests and the deterministic simulator.
/// Writes are "durable" only as long as the database object lives; open a new plugin over the
/// same database to model a node restart.
/// </summary>
public sealed class InMemoryStoragePlugin : IStoragePlugin
{
    private readonly PluginLifetime lifetime = new("memory");

    /// <summary>Opens a plugin over <paramref name="database"/> (a new, empty one when null).</summary>
    public InMemoryStoragePlugin(InMemoryDatabase? database = null)
    {
        Database = database ?? new InMemoryDatabase();
        KeyValues = new InMemoryKeyValueStore(Database, lifetime);
        Hints = new InMemoryHintStore(Database, lifetime);
        Metadata = new InMemoryMetadataStore(Database, lifetime);
    }

    /// <summary>The database this plugin reads and writes; reopen it to model a restart.</summary>
    public InMemoryDatabase Database { get; }

    /// <inheritdoc />
    public string Name => StoragePlugins.Memory;

    /// <inheritdoc />
    public IKeyValueStore KeyValues { get; }

    /// <inheritdoc />
    public IHintStore Hints { get; }

    /// <inheritdoc />
    public IMetadataStore Metadata { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        lifetime.TryClose();
        return ValueTask.CompletedTask;
    }
}
