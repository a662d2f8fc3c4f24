using System.Collections.Immutable;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>
/// Asks a vnode for hashes of its tree over one key range: the nodes <paramref name="Indices"/> at
/// <paramref name="Level"/> (0 is the root). The vnode builds its trees from storage first if it has
/// none. Answered with <see cref="TreeHashes"/>, or <see cref="VNodes.VNodeFailure"/>.
/// </summary>
/// <param name="Spec">Ring size and tree shape the asker uses; a vnode with trees of another spec rebuilds them.</param>
/// <param name="Range">The key range (the partition the keys hash into).</param>
/// <param name="Level">Tree level of the nodes asked for.</param>
/// <param name="Indices">Node indices at that level.</param>
public sealed record GetTreeHashes(TreeSpec Spec, int Range, int Level, ImmutableArray<int> Indices);
