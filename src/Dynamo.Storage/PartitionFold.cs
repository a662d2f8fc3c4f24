using System.Runtime.CompilerServices;

namespace Dynamo.Storage;

/// <summary>
/// Streams a partition as a sequence of key-ordered scans, so that no backend holds a read
/// transaction or a connection open while the consumer (a handoff sender) waits on the network.
/// </summary>
internal static class PartitionFold
{
    public const int PageSize = 512;

    public static async IAsyncEnumerable<KeyValueEntry> Fold(
        IKeyValueStore store, int partition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> from = Array.Empty<byte>();
        while (true)
        {
            var page = await store.ScanAsync(partition, from, null, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
                yield return entry;
            if (page.Count < PageSize)
                yield break;
            from = Successor(page[^1].Key.Span);
        }
    }

    /// <summary>The smallest key greater than <paramref name="key"/>: the key followed by 0x00.</summary>
    public static byte[] Successor(ReadOnlySpan<byte> key)
    {
        var next = new byte[key.Length + 1];
        key.CopyTo(next);
        return next;
    }
}
