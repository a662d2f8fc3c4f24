using System.Collections.Immutable;
using Dynamo.Core.Merkle;
using Dynamo.Core.Siblings;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>
/// One vnode's hash trees: a <see cref="MerkleTree"/> per key range the vnode stores keys of, each
/// item a stored key with its <see cref="ObjectDigest"/>. Not thread-safe: owned by the vnode.
/// </summary>
/// <remarks>
/// A vnode holds the keys of several ranges (with N replicas, the vnode of partition p holds keys
/// hashing into p and into the partitions before it whose preference lists reach p). Replicas of
/// one key may store it under different partition numbers, so trees are kept per range and
/// exchanged per range: two vnodes compare only the keys both should hold.
/// </remarks>
public sealed class RangeHashTrees
{
    private readonly Dictionary<int, MerkleTree> _trees = [];
    private readonly MerkleTree _empty;

    /// <summary>Empty trees of <paramref name="spec"/>.</summary>
    public RangeHashTrees(TreeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Problem() is { } problem) throw new ArgumentException($"Unusable tree spec: {problem}.", nameof(spec));
        Spec = spec;
        _empty = new MerkleTree(spec.Shape);
    }

    /// <summary>Ring size and shape of these trees.</summary>
    public TreeSpec Spec { get; }

    /// <summary>The leaf segment a stored key falls in.</summary>
    public int SegmentOf(ReadOnlySpan<byte> storageKey) => _empty.SegmentOf(storageKey);

    /// <summary>The root hash of one range; 0 when the vnode stores none of its keys.</summary>
    public ulong RootOf(int range) => _trees.TryGetValue(range, out var tree) ? tree.RootHash : 0;

    /// <summary>Adds a stored key at <paramref name="digest"/>.</summary>
    public void Insert(ReadOnlySpan<byte> storageKey, ReadOnlySpan<byte> digest) => TreeOf(Spec.RangeOf(storageKey)).Insert(storageKey, digest);

    /// <summary>
    /// Moves a key from what storage held (<paramref name="before"/>, empty when absent) to what it
    /// holds after a write or reap (<paramref name="after"/>, empty when removed).
    /// </summary>
    public void Track(ReadOnlySpan<byte> storageKey, SiblingSet before, SiblingSet after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var tree = TreeOf(Spec.RangeOf(storageKey));
        if (before.IsEmpty && after.IsEmpty) return;
        if (before.IsEmpty) tree.Insert(storageKey, ObjectDigest.Of(after));
        else if (after.IsEmpty) tree.Remove(storageKey, ObjectDigest.Of(before));
        else tree.Update(storageKey, ObjectDigest.Of(before), ObjectDigest.Of(after));
    }

    /// <summary>The hashes of nodes <paramref name="indices"/> at <paramref name="level"/> of one range's tree.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A level or index outside the tree's shape.</exception>
    public ImmutableArray<ulong> Hashes(int range, int level, IReadOnlyList<int> indices)
    {
        var hashes = (_trees.TryGetValue(range, out var tree) ? tree : _empty).Level(level);
        var result = ImmutableArray.CreateBuilder<ulong>(indices.Count);
        foreach (var index in indices)
        {
            if (index < 0 || index >= hashes.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Level {level} has {hashes.Length} nodes.");
            }
            result.Add(hashes[index]);
        }
        return result.MoveToImmutable();
    }

    private MerkleTree TreeOf(int range)
    {
        if (!_trees.TryGetValue(range, out var tree))
        {
            tree = new MerkleTree(Spec.Shape);
            _trees[range] = tree;
        }
        return tree;
    }
}
