namespace Dynamo.Storage;

/// <summary>
/// Orders keys the way every plugin stores them: bytewise unsigned, a prefix before its
/// extensions (the order of SQLite BLOB and PostgreSQL bytea comparison).
/// </summary>
public sealed class ByteStringComparer : IComparer<ReadOnlyMemory<byte>>, IComparer<byte[]>
{
    /// <summary>The one instance; the comparer has no state.</summary>
    public static ByteStringComparer Instance { get; } = new();

    private ByteStringComparer() { }

    /// <inheritdoc />
    public int Compare(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceCompareTo(y.Span);

    /// <inheritdoc />
    public int Compare(byte[]? x, byte[]? y) => ((ReadOnlySpan<byte>)x).SequenceCompareTo(y);
}
