using System.Collections.Immutable;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// How a delete's coordinator reaps the tombstone it wrote: once the vnode of every partition in
/// <paramref name="Primaries"/> acknowledged it, it asks each of them after <paramref name="Delay"/>
/// to remove it (<see cref="VNodes.ReapTombstone"/>).
/// </summary>
/// <param name="Delay">How long the tombstone stays after the last primary acknowledged it.</param>
/// <param name="Primaries">The partitions of the key's primary replicas (a fallback's acknowledgement never counts).</param>
public sealed record TombstoneReap(TimeSpan Delay, ImmutableArray<int> Primaries);
