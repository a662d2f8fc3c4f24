using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// Removes a key's tombstone from a replica's storage, but only if the replica still stores exactly
/// <paramref name="Tombstone"/> (same clock, same markers): a write that arrived since, newer or
/// concurrent, keeps the key. Sent by a delete's coordinator to every primary once all of them
/// acknowledged the tombstone and the reap delay passed; answered with <see cref="TombstoneReaped"/>.
/// </summary>
/// <param name="Bucket">Bucket name.</param>
/// <param name="Key">Key bytes.</param>
/// <param name="Tombstone">The object the delete left, every sibling a tombstone.</param>
public sealed record ReapTombstone(string Bucket, byte[] Key, SiblingSet Tombstone);
