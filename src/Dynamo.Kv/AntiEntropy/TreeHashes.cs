using System.Collections.Immutable;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>A vnode's answer to <see cref="GetTreeHashes"/>: one hash per node asked for, in the order asked.</summary>
/// <param name="Node">The vnode's node id.</param>
/// <param name="Partition">The vnode's partition.</param>
/// <param name="Range">The key range.</param>
/// <param name="Level">The tree level.</param>
/// <param name="Hashes">The hashes.</param>
public sealed record TreeHashes(string Node, int Partition, int Range, int Level, ImmutableArray<ulong> Hashes);
