namespace Dynamo.Storage.GroupCommit;

/// <summary>
/// A key-value store whose writes go through the group commit: they are checked, refused once the plugin is
/// closed, and queued in call order for the plugin's writer. Reads are each plugin's own.
/// </summary>
internal abstract class GroupCommitKeyValueStore(WriteQueue writes, PluginLifetime lifetime) : IKeyValueStore
{
    public abstract ValueTask<byte[]?> GetAsync(int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default);

    public Task PutAsync(int partition, IReadOnlyList<KeyValueEntry> entries, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        var encoded = StorageArguments.Encode(entries);
        lifetime.ThrowIfClosed();
        return encoded.Length == 0 ? Task.CompletedTask : writes.SubmitAsync(new PutWrite(partition, encoded), cancellationToken);
    }

    public async Task<int> DeleteAsync(int partition, IReadOnlyList<ReadOnlyMemory<byte>> keys, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        var copies = StorageArguments.Keys(keys);
        lifetime.ThrowIfClosed();
        return copies.Length == 0 ? 0 : (int)await writes.SubmitAsync(new DeleteWrite(partition, copies), cancellationToken).ConfigureAwait(false);
    }

    public abstract Task<IReadOnlyList<KeyValueEntry>> ScanAsync(int partition, ReadOnlyMemory<byte> from, ReadOnlyMemory<byte>? to, int limit, CancellationToken cancellationToken = default);

    public IAsyncEnumerable<KeyValueEntry> FoldAsync(int partition, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        return PartitionFold.Fold(this, partition, cancellationToken);
    }

    public Task DropPartitionAsync(int partition, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        lifetime.ThrowIfClosed();
        return writes.SubmitAsync(new DropPartitionWrite(partition), cancellationToken);
    }

    public abstract Task<IReadOnlyList<int>> ListPartitionsAsync(CancellationToken cancellationToken = default);

    public abstract Task<long> CountAsync(int partition, CancellationToken cancellationToken = default);
}
