using System.Buffers.Binary;
using Dynamo.Core.Serialization;

namespace Dynamo.Core.Merkle;

/// <summary>
/// A fixed-shape Merkle tree over the (key, version digest) pairs of one partition, for
/// anti-entropy: replicas exchange the root, then only the children of nodes that differ, down
/// to the differing leaf segments, whose keys they then compare.
/// </summary>
/// <remarks>
/// A segment's hash is the XOR of its items' hashes, and an inner node's hash is a sum of
/// non-linear contributions of its children (see <see cref="MerkleHashing"/>), so insert, update
/// and remove each touch one node per level: O(depth), with no dirty tracking or rebuild.
/// The tree is mutable because that is the point of O(depth) updates; it does not store keys,
/// so callers must remove or replace exactly the digest they inserted (a vnode knows the previous
/// version of a key when it writes). Not thread-safe: one owner, like a vnode.
/// </remarks>
public sealed class MerkleTree
{
    private const byte FormatVersion = 1;
    private readonly ulong[][] _levels;

    /// <summary>An empty tree of the given shape (default <see cref="MerkleTreeShape.Default"/>).</summary>
    public MerkleTree(MerkleTreeShape? shape = null)
    {
        Shape = shape ?? MerkleTreeShape.Default;
        _levels = new ulong[Shape.Depth + 1][];
        for (var level = 0; level <= Shape.Depth; level++)
        {
            _levels[level] = new ulong[Shape.NodesAt(level)];
        }
    }

    /// <summary>The tree's shape.</summary>
    public MerkleTreeShape Shape { get; }

    /// <summary>The root hash; 0 for an empty tree. Equal roots mean (with overwhelming probability) equal contents.</summary>
    public ulong RootHash => _levels[0][0];

    /// <summary>The segment a key falls in, whatever its version.</summary>
    public int SegmentOf(ReadOnlySpan<byte> key) =>
        Shape.SegmentBits == 0 ? 0 : (int)(MerkleHashing.KeyHash(key) >> (64 - Shape.SegmentBits));

    /// <summary>Adds a key at a version.</summary>
    public void Insert(ReadOnlySpan<byte> key, ReadOnlySpan<byte> versionDigest) =>
        Toggle(SegmentOf(key), MerkleHashing.ItemHash(key, versionDigest));

    /// <summary>Removes a key previously inserted with exactly <paramref name="versionDigest"/>.</summary>
    public void Remove(ReadOnlySpan<byte> key, ReadOnlySpan<byte> versionDigest) =>
        Toggle(SegmentOf(key), MerkleHashing.ItemHash(key, versionDigest));

    /// <summary>Moves a key from one version to another in a single O(depth) pass.</summary>
    public void Update(ReadOnlySpan<byte> key, ReadOnlySpan<byte> oldDigest, ReadOnlySpan<byte> newDigest) =>
        Toggle(SegmentOf(key), MerkleHashing.ItemHash(key, oldDigest) ^ MerkleHashing.ItemHash(key, newDigest));

    /// <summary>The hash of one leaf segment.</summary>
    public ulong SegmentHash(int segment) => _levels[Shape.Depth][segment];

    /// <summary>All hashes of one level, root level 0 first.</summary>
    public ReadOnlySpan<ulong> Level(int level) => _levels[CheckLevel(level)];

    /// <summary>The hashes of the children of node <paramref name="index"/> at <paramref name="level"/>.</summary>
    public ReadOnlySpan<ulong> ChildrenOf(int level, int index)
    {
        if (CheckLevel(level) == Shape.Depth)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Leaf segments have no children.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Shape.NodesAt(level));
        return _levels[level + 1].AsSpan(index * Shape.FanOut, Shape.FanOut);
    }

    /// <summary>
    /// One step of an exchange: given the other replica's hashes for the children of node
    /// <paramref name="index"/> at <paramref name="level"/>, the child indices (at level + 1)
    /// whose hashes differ and need descending into.
    /// </summary>
    public IReadOnlyList<int> DifferingChildren(int level, int index, ReadOnlySpan<ulong> remoteChildren)
    {
        var local = ChildrenOf(level, index);
        if (remoteChildren.Length != local.Length)
        {
            throw new ArgumentException($"Expected {local.Length} child hashes but got {remoteChildren.Length}.", nameof(remoteChildren));
        }

        var result = new List<int>();
        for (var i = 0; i < local.Length; i++)
        {
            if (local[i] != remoteChildren[i])
            {
                result.Add(index * Shape.FanOut + i);
            }
        }

        return result;
    }

    /// <summary>
    /// Compares with another replica's tree as an exchange would: the root first, then only the
    /// children of differing nodes, counting every hash taken from <paramref name="other"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The trees have different shapes.</exception>
    public MerkleDiffResult Diff(MerkleTree other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Shape != Shape)
        {
            throw new ArgumentException($"Cannot compare a {Shape} tree with a {other.Shape} tree.", nameof(other));
        }

        var exchanged = 1;
        if (other.RootHash == RootHash)
        {
            return new MerkleDiffResult([], exchanged);
        }

        var frontier = new List<int> { 0 };
        for (var level = 0; level < Shape.Depth; level++)
        {
            var next = new List<int>();
            foreach (var index in frontier)
            {
                exchanged += Shape.FanOut;
                next.AddRange(DifferingChildren(level, index, other.ChildrenOf(level, index)));
            }

            frontier = next;
        }

        return new MerkleDiffResult(ToRanges(frontier), exchanged);
    }

    /// <summary>One level's hashes as little-endian 64-bit words, for sending a level at a time.</summary>
    public byte[] SerializeLevel(int level)
    {
        var hashes = Level(level);
        var bytes = new byte[hashes.Length * sizeof(ulong)];
        for (var i = 0; i < hashes.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), hashes[i]);
        }

        return bytes;
    }

    /// <summary>
    /// The whole tree: format byte <c>0x01</c>, varint segment count, varint fan-out, then every
    /// level from the root down as <see cref="SerializeLevel"/> writes it.
    /// </summary>
    public byte[] Serialize()
    {
        var w = new ByteWriter();
        w.Byte(FormatVersion);
        w.VarUInt((ulong)Shape.SegmentCount);
        w.VarUInt((ulong)Shape.FanOut);
        for (var level = 0; level <= Shape.Depth; level++)
        {
            w.Raw(SerializeLevel(level));
        }

        return w.ToArray();
    }

    /// <summary>Reads a tree written by <see cref="Serialize"/>, checking every inner hash against its children.</summary>
    /// <exception cref="InvalidMerkleTreeException">Truncated, unknown format, bad shape or inconsistent hashes.</exception>
    public static MerkleTree Deserialize(ReadOnlySpan<byte> bytes)
    {
        var r = new ByteReader(bytes, m => new InvalidMerkleTreeException($"Invalid Merkle tree: {m}."));
        var version = r.Byte();
        if (version != FormatVersion)
        {
            throw r.Error($"unknown format version {version}");
        }

        var segments = r.VarUInt();
        var fanOut = r.VarUInt();
        MerkleTreeShape shape;
        try
        {
            shape = new MerkleTreeShape((int)Math.Min(segments, int.MaxValue), (int)Math.Min(fanOut, int.MaxValue));
        }
        catch (ArgumentException e)
        {
            throw r.Error(e.Message);
        }

        // Check the size before allocating, so a corrupt header cannot demand a huge tree.
        long expected = 0;
        for (var level = 0; level <= shape.Depth; level++)
        {
            expected += (long)shape.NodesAt(level) * sizeof(ulong);
        }

        if (expected != r.Remaining)
        {
            throw r.Error($"a {shape.SegmentCount}/{shape.FanOut} tree needs {expected} bytes of hashes but {r.Remaining} follow");
        }

        var tree = new MerkleTree(shape);
        for (var level = 0; level <= shape.Depth; level++)
        {
            var raw = r.Raw(shape.NodesAt(level) * sizeof(ulong), $"level {level}");
            var target = tree._levels[level];
            for (var i = 0; i < target.Length; i++)
            {
                target[i] = BinaryPrimitives.ReadUInt64LittleEndian(raw[(i * sizeof(ulong))..]);
            }
        }

        r.ExpectEnd();
        for (var level = shape.Depth - 1; level >= 0; level--)
        {
            for (var i = 0; i < tree._levels[level].Length; i++)
            {
                if (tree._levels[level][i] != tree.Combine(level, i))
                {
                    throw r.Error($"node {i} of level {level} does not match its children");
                }
            }
        }

        return tree;
    }

    private void Toggle(int segment, ulong delta)
    {
        if (delta == 0)
        {
            return;
        }

        var index = segment;
        var oldHash = _levels[Shape.Depth][index];
        var newHash = oldHash ^ delta;
        _levels[Shape.Depth][index] = newHash;
        for (var level = Shape.Depth - 1; level >= 0; level--)
        {
            var position = index & (Shape.FanOut - 1);
            index >>= Shape.FanOutBits;
            var parent = _levels[level][index];
            var updated = parent - MerkleHashing.Contribution(oldHash, position) + MerkleHashing.Contribution(newHash, position);
            _levels[level][index] = updated;
            (oldHash, newHash) = (parent, updated);
        }
    }

    private ulong Combine(int level, int index)
    {
        ulong sum = 0;
        var children = ChildrenOf(level, index);
        for (var i = 0; i < children.Length; i++)
        {
            sum += MerkleHashing.Contribution(children[i], i);
        }

        return sum;
    }

    private int CheckLevel(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, Shape.Depth);
        return level;
    }

    private static List<SegmentRange> ToRanges(List<int> segments)
    {
        var ranges = new List<SegmentRange>();
        foreach (var s in segments)
        {
            if (ranges.Count > 0 && ranges[^1].End == s)
            {
                ranges[^1] = ranges[^1] with { Count = ranges[^1].Count + 1 };
            }
            else
            {
                ranges.Add(new SegmentRange(s, 1));
            }
        }

        return ranges;
    }
}
