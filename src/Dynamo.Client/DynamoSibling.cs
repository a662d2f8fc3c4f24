namespace Dynamo.Client;

/// <summary>One causally-maximal value of a key.</summary>
/// <param name="Value">The value bytes.</param>
/// <param name="ContentType">Its MIME type.</param>
/// <param name="LastModified">When the coordinating node accepted the write.</param>
public sealed record DynamoSibling(ReadOnlyMemory<byte> Value, string ContentType, DateTimeOffset LastModified);
