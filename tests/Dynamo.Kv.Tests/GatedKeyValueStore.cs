using Dynamo.Actors.Persistence;

namespace Dynamo.Kv.Tests;

/// <summary>A key-value store whose writes wait until the test opens the gate.</summary>
internal sealed class GatedKeyValueStore(IKeyValueStore inner) : IKeyValueStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    public async Task PutAsync(int partition, IReadOnlyList<KeyValueEntry> entries, CancellationToken cancellationToken = default)
    {
        await _gate.Task.WaitAsync(cancellationToken);
        await inner.PutAsync(partition, entries, cancellationToken);
    }

    public ValueTask<byte[]?> GetAsync(int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
        inner.GetAsync(partition, key, cancellationToken);

    public Task<int> DeleteAsync(int partition, IReadOnlyList<ReadOnlyMemory<byte>> keys, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(partition, keys, cancellationToken);

    public Task<IReadOnlyList<KeyValueEntry>> ScanAsync(int partition, ReadOnlyMemory<byte> from, ReadOnlyMemory<byte>? to, int limit, CancellationToken cancellationToken = default) =>
        inner.ScanAsync(partition, from, to, limit, cancellationToken);

    public IAsyncEnumerable<KeyValueEntry> FoldAsync(int partition, CancellationToken cancellationToken = default) =>
        inner.FoldAsync(partition, cancellationToken);

    public Task DropPartitionAsync(int partition, CancellationToken cancellationToken = default) =>
        inner.DropPartitionAsync(partition, cancellationToken);

    public Task<IReadOnlyList<int>> ListPartitionsAsync(CancellationToken cancellationToken = default) =>
        inner.ListPartitionsAsync(cancellationToken);

    public Task<long> CountAsync(int partition, CancellationToken cancellationToken = default) =>
        inner.CountAsync(partition, cancellationToken);
}
