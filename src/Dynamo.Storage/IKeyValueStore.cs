namespace Dynamo.Storage;

/// <summary>
/// The objects of one node, grouped by ring partition index. Keys are byte strings ordered
/// bytewise unsigned (a prefix sorts before its extensions); values are opaque bytes. Every
/// method is thread-safe. A completed write task means the write is durable under the plugin's
/// durability contract (see the project README); a cancelled write task means it was not written.
/// Writes are applied in the order the calls were made, even when the caller does not await each.
/// </summary>
public interface IKeyValueStore
{
    /// <summary>Reads the value stored under <paramref name="key"/>, or null when there is none.</summary>
    ValueTask<byte[]?> GetAsync(int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores all <paramref name="entries"/> in <paramref name="partition"/> atomically: after a crash
    /// either all of them or none are there. When a key occurs twice, the later entry wins.
    /// </summary>
    Task PutAsync(int partition, IReadOnlyList<KeyValueEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Deletes <paramref name="keys"/> atomically and returns how many of them existed.</summary>
    Task<int> DeleteAsync(int partition, IReadOnlyList<ReadOnlyMemory<byte>> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns up to <paramref name="limit"/> entries with <paramref name="from"/> &lt;= key &lt;
    /// <paramref name="to"/> in key order; a null <paramref name="to"/> means no upper bound.
    /// Page through a range by calling again with the last key returned plus a 0x00 byte.
    /// </summary>
    Task<IReadOnlyList<KeyValueEntry>> ScanAsync(int partition, ReadOnlyMemory<byte> from, ReadOnlyMemory<byte>? to, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams every entry of <paramref name="partition"/> in key order, page by page, for handoff
    /// and anti-entropy rebuilds. Writes made while folding may or may not be seen.
    /// </summary>
    IAsyncEnumerable<KeyValueEntry> FoldAsync(int partition, CancellationToken cancellationToken = default);

    /// <summary>Deletes every entry of <paramref name="partition"/> (after ownership handoff).</summary>
    Task DropPartitionAsync(int partition, CancellationToken cancellationToken = default);

    /// <summary>The partition indexes that hold at least one entry, ascending.</summary>
    Task<IReadOnlyList<int>> ListPartitionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The number of entries in <paramref name="partition"/>.</summary>
    Task<long> CountAsync(int partition, CancellationToken cancellationToken = default);
}
