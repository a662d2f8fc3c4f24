namespace Dynamo.Core.Siblings;

/// <summary>
/// Orders siblings for last-write-wins: later timestamp wins; on a tie a value beats a tombstone,
/// then the bytes compare, so every replica picks the same winner.
/// </summary>
public sealed class LastWriteWinsComparer : IComparer<Sibling>
{
    /// <summary>The single instance; the comparer has no state.</summary>
    public static LastWriteWinsComparer Instance { get; } = new();

    private LastWriteWinsComparer()
    {
    }

    /// <inheritdoc />
    public int Compare(Sibling? x, Sibling? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = x.Metadata.Timestamp.CompareTo(y.Metadata.Timestamp);
        if (c != 0)
        {
            return c;
        }

        c = y.IsTombstone.CompareTo(x.IsTombstone);
        if (c != 0)
        {
            return c;
        }

        c = x.Value.Span.SequenceCompareTo(y.Value.Span);
        return c != 0 ? c : string.CompareOrdinal(x.Metadata.ContentType, y.Metadata.ContentType);
    }
}
