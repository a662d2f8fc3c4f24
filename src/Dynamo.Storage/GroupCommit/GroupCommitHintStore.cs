namespace Dynamo.Storage.GroupCommit;

/// <summary>
/// A hint store whose writes go through the group commit: they are checked, refused once the plugin is closed,
/// and queued in call order for the plugin's writer. Reads are each plugin's own.
/// </summary>
internal abstract class GroupCommitHintStore(WriteQueue writes, PluginLifetime lifetime) : IHintStore
{
    public Task<long> AddAsync(string owner, int partition, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(owner, nameof(owner));
        StorageArguments.Partition(partition);
        var entry = StorageArguments.Encode([new KeyValueEntry(key, value)])[0];
        lifetime.ThrowIfClosed();
        return writes.SubmitAsync(new AddHintWrite(owner, partition, entry), cancellationToken);
    }

    public abstract Task<IReadOnlyList<Hint>> ListAsync(string owner, long afterId, int limit, CancellationToken cancellationToken = default);

    public abstract Task<IReadOnlyList<Hint>> ListForKeyAsync(string owner, int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default);

    public abstract Task<IReadOnlyList<string>> ListOwnersAsync(CancellationToken cancellationToken = default);

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        lifetime.ThrowIfClosed();
        return await writes.SubmitAsync(new DeleteHintWrite(id), cancellationToken).ConfigureAwait(false) > 0;
    }

    public abstract Task<long> CountAsync(string owner, CancellationToken cancellationToken = default);
}
