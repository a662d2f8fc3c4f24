namespace Dynamo.Storage;

/// <summary>Whether a plugin is still open; every store of the plugin checks it before working.</summary>
internal sealed class PluginLifetime(string storeName)
{
    private int closed;

    public string StoreName { get; } = storeName;

    public bool IsClosed => Volatile.Read(ref closed) != 0;

    /// <summary>Marks the plugin closed; true only for the first caller, who then releases resources.</summary>
    public bool TryClose() => Interlocked.Exchange(ref closed, 1) == 0;

    public void ThrowIfClosed()
    {
        if (IsClosed)
            throw new ObjectDisposedException(StoreName, $"The store {StoreName} is closed.");
    }
}
