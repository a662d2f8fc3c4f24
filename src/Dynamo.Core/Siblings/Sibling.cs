namespace Dynamo.Core.Siblings;

/// <summary>
/// One causally-maximal version of a key: its bytes and metadata. Equality compares the bytes'
/// contents, so replicas holding the same data compare equal.
/// </summary>
public sealed class Sibling : IEquatable<Sibling>
{
    /// <summary>Creates a sibling.</summary>
    public Sibling(ReadOnlyMemory<byte> value, SiblingMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.IsTombstone && !value.IsEmpty)
        {
            throw new ArgumentException("A tombstone carries no value bytes.", nameof(value));
        }

        Value = value;
        Metadata = metadata;
    }

    /// <summary>The stored bytes (empty for a tombstone).</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Content type, timestamp, tombstone flag, user metadata.</summary>
    public SiblingMetadata Metadata { get; }

    /// <summary>Whether this sibling marks a delete.</summary>
    public bool IsTombstone => Metadata.IsTombstone;

    /// <summary>A delete marker written at <paramref name="timestamp"/>.</summary>
    public static Sibling Tombstone(long timestamp) => new(ReadOnlyMemory<byte>.Empty, SiblingMetadata.Tombstone(timestamp));

    /// <inheritdoc />
    public bool Equals(Sibling? other) =>
        other is not null && Metadata.Equals(other.Metadata) && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Sibling);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Metadata, Value.Length);

    /// <inheritdoc />
    public override string ToString() =>
        IsTombstone ? $"tombstone@{Metadata.Timestamp}" : $"{Value.Length}B {Metadata.ContentType}@{Metadata.Timestamp}";
}
