namespace Dynamo.Storage;

/// <summary>
/// One key and its value. Equality compares the memory references, not the bytes: compare
/// contents with <c>Span.SequenceEqual</c> where that matters.
/// </summary>
/// <param name="Key">The key bytes.</param>
/// <param name="Value">The value bytes (an encoded sibling set for Dynamo; opaque here).</param>
public readonly record struct KeyValueEntry(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value);
