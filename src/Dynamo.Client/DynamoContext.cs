namespace Dynamo.Client;

/// <summary>
/// The opaque causal context of a read or write (a vector clock the store encoded). Pass the context of the
/// read a write follows, so the store knows which versions the write supersedes.
/// </summary>
public sealed class DynamoContext : IEquatable<DynamoContext>
{
    private readonly byte[] _bytes;

    /// <summary>Wraps context bytes as the store produced them.</summary>
    public DynamoContext(ReadOnlySpan<byte> bytes) => _bytes = bytes.ToArray();

    /// <summary>The empty context: a blind write that supersedes nothing.</summary>
    public static DynamoContext Empty { get; } = new([]);

    /// <summary>The encoded context.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>True for the empty context.</summary>
    public bool IsEmpty => _bytes.Length == 0;

    /// <summary>Base64url without padding, the form of the <c>X-Dynamo-Context</c> header.</summary>
    public string ToBase64Url() => Convert.ToBase64String(_bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Parses base64url (padding optional); throws <see cref="FormatException"/> naming the bad text.</summary>
    public static DynamoContext FromBase64Url(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var standard = text.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        standard += new string('=', (4 - standard.Length % 4) % 4);
        try
        {
            return new DynamoContext(Convert.FromBase64String(standard));
        }
        catch (FormatException e)
        {
            throw new FormatException($"The context \"{text}\" is not base64url.", e);
        }
    }

    /// <inheritdoc />
    public bool Equals(DynamoContext? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DynamoContext);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => ToBase64Url();
}
