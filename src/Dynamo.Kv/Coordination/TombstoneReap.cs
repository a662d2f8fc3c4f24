using System.Collections.Immutable;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// How a delete's coordinator reaps the tombstone it wrote: once every node of
/// <paramref name="Primaries"/> acknowledged it, it asks each of them after <paramref name="Delay"/>
/// to remove it (<see cref="VNodes.ReapTombstone"/>).
/// </summary>
/// <param name="Delay">How long the tombstone stays after the last primary acknowledged it.</param>
/// <param name="Primaries">The node ids of the key's primary owners (fallbacks never count).</param>
public sealed record TombstoneReap(TimeSpan Delay, ImmutableArray<string> Primaries);
