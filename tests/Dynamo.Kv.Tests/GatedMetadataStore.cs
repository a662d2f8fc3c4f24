using Dynamo.Storage;

namespace Dynamo.Kv.Tests;

/// <summary>A metadata store that counts its writes and holds them while the test keeps the gate closed (open from the start unless asked).</summary>
internal sealed class GatedMetadataStore(IMetadataStore inner, bool closed = false) : IMetadataStore
{
    private TaskCompletionSource _gate = NewGate(closed);
    private int _writes;

    public int Writes => Volatile.Read(ref _writes);

    public void Open() => Volatile.Read(ref _gate).TrySetResult();

    public void Close() => Volatile.Write(ref _gate, NewGate(closed: true));

    public ValueTask<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        inner.GetAsync(name, cancellationToken);

    public async Task SetAsync(string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        await Volatile.Read(ref _gate).Task.WaitAsync(cancellationToken);
        await inner.SetAsync(name, value, cancellationToken);
        Interlocked.Increment(ref _writes);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(name, cancellationToken);

    private static TaskCompletionSource NewGate(bool closed)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!closed) gate.SetResult();
        return gate;
    }
}
