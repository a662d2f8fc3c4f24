namespace Dynamo.Storage;

/// <summary>
/// Hinted writes: objects a fallback node stored for an owner that was unreachable, kept until
/// the owner acknowledges delivery. Hints survive restarts like any other write.
/// </summary>
public interface IHintStore
{
    /// <summary>Stores a hint durably and returns its id (ascending in the order hints were added).</summary>
    Task<long> AddAsync(string owner, int partition, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> hints for <paramref name="owner"/> with an id above <paramref name="afterId"/>, by id.</summary>
    Task<IReadOnlyList<Hint>> ListAsync(string owner, long afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every hint for <paramref name="owner"/> of <paramref name="key"/> in <paramref name="partition"/>, by id:
    /// what a fallback holds for that key, so it can answer reads while the owner is away.
    /// </summary>
    Task<IReadOnlyList<Hint>> ListForKeyAsync(string owner, int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default);

    /// <summary>The owners that have at least one hint waiting, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListOwnersAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the hint with <paramref name="id"/> once its owner acknowledged it; false when it was not there.</summary>
    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The number of hints waiting for <paramref name="owner"/>.</summary>
    Task<long> CountAsync(string owner, CancellationToken cancellationToken = default);
}
