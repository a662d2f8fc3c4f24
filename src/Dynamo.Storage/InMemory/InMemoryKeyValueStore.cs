namespace Dynamo.Storage.InMemory;

/// <summary>The key-value store of the in-memory plugin; completes every call synchronously.</summary>
internal sealed class InMemoryKeyValueStore(InMemoryDatabase database, PluginLifetime lifetime) : IKeyValueStore
{
    public ValueTask<byte[]?> GetAsync(int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        Enter(cancellationToken);
        return ValueTask.FromResult(database.Get(partition, key.Span));
    }

    public Task PutAsync(int partition, IReadOnlyList<KeyValueEntry> entries, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        var encoded = StorageArguments.Encode(entries);
        Enter(cancellationToken);
        database.Put(partition, encoded);
        return Task.CompletedTask;
    }

    public Task<int> DeleteAsync(int partition, IReadOnlyList<ReadOnlyMemory<byte>> keys, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        var copies = StorageArguments.Keys(keys);
        Enter(cancellationToken);
        return Task.FromResult(database.Delete(partition, copies));
    }

    public Task<IReadOnlyList<KeyValueEntry>> ScanAsync(int partition, ReadOnlyMemory<byte> from, ReadOnlyMemory<byte>? to, int limit, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        StorageArguments.Limit(limit);
        Enter(cancellationToken);
        var page = database.Scan(partition, from.Span, to.GetValueOrDefault().Span, to.HasValue, limit);
        return Task.FromResult<IReadOnlyList<KeyValueEntry>>(page);
    }

    public IAsyncEnumerable<KeyValueEntry> FoldAsync(int partition, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        return PartitionFold.Fold(this, partition, cancellationToken);
    }

    public Task DropPartitionAsync(int partition, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        Enter(cancellationToken);
        database.Drop(partition);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<int>> ListPartitionsAsync(CancellationToken cancellationToken = default)
    {
        Enter(cancellationToken);
        return Task.FromResult<IReadOnlyList<int>>(database.ListPartitions());
    }

    public Task<long> CountAsync(int partition, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        Enter(cancellationToken);
        return Task.FromResult(database.Count(partition));
    }

    private void Enter(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lifetime.ThrowIfClosed();
    }
}
