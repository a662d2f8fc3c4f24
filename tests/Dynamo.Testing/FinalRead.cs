using Dynamo.Client;

namespace Dynamo.Testing;

/// <summary>What one node answered when the checker read a key from the final cluster.</summary>
/// <param name="Key">The key read.</param>
/// <param name="Node">Names the node (or other source) read from, for the verdict.</param>
/// <param name="Status">Found, deleted or not found; ignored when <paramref name="Error"/> is set.</param>
/// <param name="Values">Every sibling value (UTF-8 text); empty unless found.</param>
/// <param name="Error">Why the read failed (all attempts); null when it succeeded.</param>
public sealed record FinalRead(string Key, string Node, DynamoObjectStatus Status, IReadOnlyList<string> Values, string? Error = null)
{
    /// <summary>A successful read of siblings <paramref name="values"/> (none: not found).</summary>
    public static FinalRead Of(string key, string node, params string[] values) =>
        new(key, node, values.Length > 0 ? DynamoObjectStatus.Found : DynamoObjectStatus.NotFound, values);

    /// <summary>A read that found a tombstone.</summary>
    public static FinalRead Deleted(string key, string node) => new(key, node, DynamoObjectStatus.Deleted, []);

    /// <summary>A read that failed.</summary>
    public static FinalRead Failed(string key, string node, string error) => new(key, node, DynamoObjectStatus.NotFound, [], error);
}
