namespace Dynamo.Storage;

/// <summary>A stored hinted write.</summary>
/// <param name="Id">Assigned by the store when the hint was added; deletes name it.</param>
/// <param name="Owner">The node the write was meant for (an opaque node id).</param>
/// <param name="Partition">The ring partition index of the key.</param>
/// <param name="Key">The key bytes.</param>
/// <param name="Value">The object bytes to deliver.</param>
public sealed record Hint(long Id, string Owner, int Partition, ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value);
