using Dynamo.Storage;

namespace Dynamo.Kv.Tests;

/// <summary>
/// A key-value store over a real one whose writes wait at a gate the test opens, or fails. A stand-in store
/// is justified only here: no real storage can be told to hold a write back, or to fail it, at the moment a
/// test needs, and the object buffer, the vnode's write order and its hash trees are about what happens between
/// handing a write over and its completion.
/// Reads go straight to the real store, so they see only what it made durable.
/// </summary>
internal sealed class GatedKeyValueStore(IKeyValueStore inner) : IKeyValueStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Completes when the first write reaches the gate.</summary>
    public Task WriteArrived => _arrived.Task;

    /// <summary>Writes handed to this store that have not passed the gate yet.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Lets every held and later write through to the real store.</summary>
    public void Open() => _gate.TrySetResult();

    /// <summary>Fails every held and later write without storing it.</summary>
    public void Fail(string reason) => _gate.TrySetException(new IOException(reason));

    public async Task PutAsync(int partition, IReadOnlyList<KeyValueEntry> entries, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _held);
        _arrived.TrySetResult();
        try
        {
            await _gate.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
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
