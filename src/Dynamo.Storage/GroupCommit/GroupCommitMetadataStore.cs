namespace Dynamo.Storage.GroupCommit;

/// <summary>
/// A metadata store whose writes go through the group commit: they are checked, refused once the plugin is
/// closed, and queued in call order for the plugin's writer. Reads are each plugin's own.
/// </summary>
internal abstract class GroupCommitMetadataStore(WriteQueue writes, PluginLifetime lifetime) : IMetadataStore
{
    public abstract ValueTask<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default);

    public Task SetAsync(string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(name, nameof(name));
        lifetime.ThrowIfClosed();
        return writes.SubmitAsync(new SetMetadataWrite(name, value.ToArray()), cancellationToken);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(name, nameof(name));
        lifetime.ThrowIfClosed();
        return await writes.SubmitAsync(new DeleteMetadataWrite(name), cancellationToken).ConfigureAwait(false) > 0;
    }
}
