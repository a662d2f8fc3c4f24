namespace Dynamo.Storage;

/// <summary>
/// Small named values a node keeps across restarts: its identity and incarnation, the last ring
/// and membership it knew (as opaque bytes). See <see cref="MetadataKeys"/> for the usual names.
/// </summary>
public interface IMetadataStore
{
    /// <summary>The value stored under <paramref name="name"/>, or null when there is none.</summary>
    ValueTask<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> under <paramref name="name"/> durably, replacing any earlier value.</summary>
    Task SetAsync(string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Deletes <paramref name="name"/>; false when it was not there.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}
