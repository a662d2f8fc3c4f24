using System.Collections.Immutable;

namespace Dynamo.Core.Siblings;

/// <summary>What the store records about a stored value besides its bytes.</summary>
/// <param name="ContentType">MIME type the client gave, e.g. <c>application/json</c>.</param>
/// <param name="Timestamp">When the coordinator accepted the write (Unix milliseconds); orders last-write-wins only.</param>
/// <param name="IsTombstone">True for a delete marker, which must replicate like a value until reaped.</param>
/// <param name="UserMetadata">Client key/value pairs, kept sorted by key.</param>
public sealed record SiblingMetadata(
    string ContentType,
    long Timestamp,
    bool IsTombstone,
    ImmutableSortedDictionary<string, string> UserMetadata)
{
    /// <summary>Content type used when the client gives none.</summary>
    public const string DefaultContentType = "application/octet-stream";

    /// <summary>Metadata for a plain value with no user metadata.</summary>
    public static SiblingMetadata Value(long timestamp, string contentType = DefaultContentType) =>
        new(contentType, timestamp, false, ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>Metadata for a delete marker.</summary>
    public static SiblingMetadata Tombstone(long timestamp) =>
        new(DefaultContentType, timestamp, true, ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>Compares user metadata by content, not by reference.</summary>
    public bool Equals(SiblingMetadata? other) =>
        other is not null
        && ContentType == other.ContentType
        && Timestamp == other.Timestamp
        && IsTombstone == other.IsTombstone
        && UserMetadata.Count == other.UserMetadata.Count
        && UserMetadata.All(kv => other.UserMetadata.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ContentType, Timestamp, IsTombstone, UserMetadata.Count);
}
