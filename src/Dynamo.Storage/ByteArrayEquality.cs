namespace Dynamo.Storage;

/// <summary>Compares byte arrays by content, for finding duplicate keys in a batch.</summary>
internal sealed class ByteArrayEquality : IEqualityComparer<byte[]>
{
    public static ByteArrayEquality Instance { get; } = new();

    private ByteArrayEquality() { }

    public bool Equals(byte[]? x, byte[]? y) => ((ReadOnlySpan<byte>)x).SequenceEqual(y);

    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
