namespace Dynamo.Storage.InMemory;

/// <summary>The hint store of the in-memory plugin.</summary>
internal sealed class InMemoryHintStore(InMemoryDatabase database, PluginLifetime lifetime) : IHintStore
{
    public Task<long> AddAsync(string owner, int partition, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(owner, nameof(owner));
        StorageArguments.Partition(partition);
        var entry = StorageArguments.Encode([new KeyValueEntry(key, value)])[0];
        Enter(cancellationToken);
        return Task.FromResult(database.AddHint(owner, partition, entry));
    }

    public Task<IReadOnlyList<Hint>> ListAsync(string owner, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(owner, nameof(owner));
        StorageArguments.Limit(limit);
        Enter(cancellationToken);
        return Task.FromResult<IReadOnlyList<Hint>>(database.ListHints(owner, afterId, limit));
    }

    public Task<IReadOnlyList<Hint>> ListForKeyAsync(string owner, int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(owner, nameof(owner));
        StorageArguments.Partition(partition);
        Enter(cancellationToken);
        return Task.FromResult<IReadOnlyList<Hint>>(database.ListHintsForKey(owner, partition, key.Span));
    }

    public Task<IReadOnlyList<string>> ListOwnersAsync(CancellationToken cancellationToken = default)
    {
        Enter(cancellationToken);
        return Task.FromResult<IReadOnlyList<string>>(database.ListHintOwners());
    }

    public Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        Enter(cancellationToken);
        return Task.FromResult(database.DeleteHint(id));
    }

    public Task<long> CountAsync(string owner, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(owner, nameof(owner));
        Enter(cancellationToken);
        return Task.FromResult(database.CountHints(owner));
    }

    private void Enter(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lifetime.ThrowIfClosed();
    }
}
