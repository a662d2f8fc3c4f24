namespace Dynamo.Storage.InMemory;

/// <summary>The metadata store of the in-memory plugin.</summary>
internal sealed class InMemoryMetadataStore(InMemoryDatabase database, PluginLifetime lifetime) : IMetadataStore
{
    public ValueTask<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(name, nameof(name));
        Enter(cancellationToken);
        return ValueTask.FromResult(database.GetMetadata(name));
    }

    public Task SetAsync(string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(name, nameof(name));
        Enter(cancellationToken);
        database.SetMetadata(name, value.ToArray());
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(name, nameof(name));
        Enter(cancellationToken);
        return Task.FromResult(database.DeleteMetadata(name));
    }

    private void Enter(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lifetime.ThrowIfClosed();
    }
}
