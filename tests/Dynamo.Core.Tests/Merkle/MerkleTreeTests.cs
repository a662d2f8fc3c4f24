using System.Text;
using Dynamo.Core.Merkle;

namespace Dynamo.Core.Tests.Merkle;

public sealed class MerkleTreeTests
{
    private static readonly MerkleTreeShape Shape = new(4096, 8);

    private static byte[] Key(int i) => Encoding.UTF8.GetBytes($"key-{i}");

    private static byte[] Digest(int version) => BitConverter.GetBytes(version);

    private static MerkleTree Filled(int keys, MerkleTreeShape? shape = null)
    {
        var tree = new MerkleTree(shape ?? Shape);
        for (var i = 0; i < keys; i++)
        {
            tree.Insert(Key(i), Digest(1));
        }

        return tree;
    }

    [Fact]
    public void Equal_trees_exchange_only_the_root_hash()
    {
        var diff = Filled(1000).Diff(Filled(1000));
        Assert.True(diff.IsEqual);
        Assert.Equal(1, diff.HashesExchanged);
    }

    [Fact]
    public void One_changed_key_costs_one_fan_out_per_level_and_names_its_segment()
    {
        var local = Filled(1000);
        var remote = Filled(1000);
        remote.Update(Key(42), Digest(1), Digest(2));

        var diff = local.Diff(remote);

        Assert.Equal([new SegmentRange(local.SegmentOf(Key(42)), 1)], diff.Segments);
        Assert.Equal(1 + Shape.FanOut * Shape.Depth, diff.HashesExchanged);
    }

    [Fact]
    public void Insert_order_does_not_matter_and_remove_undoes_insert()
    {
        var forward = Filled(500);
        var backward = new MerkleTree(Shape);
        for (var i = 499; i >= 0; i--)
        {
            backward.Insert(Key(i), Digest(1));
        }

        Assert.Equal(forward.RootHash, backward.RootHash);
        for (var i = 0; i < 500; i++)
        {
            backward.Remove(Key(i), Digest(1));
        }

        Assert.Equal(0UL, backward.RootHash);
        Assert.True(backward.Diff(new MerkleTree(Shape)).IsEqual);
    }

    [Fact]
    public void Update_equals_remove_then_insert()
    {
        var a = Filled(100);
        var b = Filled(100);
        a.Update(Key(7), Digest(1), Digest(3));
        b.Remove(Key(7), Digest(1));
        b.Insert(Key(7), Digest(3));
        Assert.Equal(a.RootHash, b.RootHash);
        Assert.NotEqual(Filled(100).RootHash, a.RootHash);
    }

    [Fact]
    public void Stepwise_exchange_reaches_the_same_segments_as_diff()
    {
        var local = Filled(300);
        var remote = Filled(300);
        remote.Insert(Key(1000), Digest(1));
        remote.Remove(Key(5), Digest(1));

        var frontier = new List<int> { 0 };
        for (var level = 0; level < Shape.Depth; level++)
        {
            frontier = [.. frontier.SelectMany(i => local.DifferingChildren(level, i, remote.ChildrenOf(level, i)))];
        }

        Assert.Equal(local.Diff(remote).SegmentIndices, frontier);
    }

    [Fact]
    public void Serialized_tree_round_trips_level_by_level()
    {
        var tree = Filled(777);
        var back = MerkleTree.Deserialize(tree.Serialize());
        Assert.Equal(tree.RootHash, back.RootHash);
        Assert.True(tree.Diff(back).IsEqual);
        for (var level = 0; level <= Shape.Depth; level++)
        {
            Assert.Equal(tree.SerializeLevel(level), back.SerializeLevel(level));
        }
    }

    [Fact]
    public void A_corrupt_serialized_tree_is_rejected()
    {
        var bytes = Filled(50).Serialize();
        var flipped = (byte[])bytes.Clone();
        flipped[^3] ^= 0x10;
        Assert.Contains("does not match its children",
            Assert.Throws<InvalidMerkleTreeException>(() => MerkleTree.Deserialize(flipped)).Message);
        Assert.Throws<InvalidMerkleTreeException>(() => MerkleTree.Deserialize(bytes.AsSpan(0, bytes.Length - 1)));
        var badShape = (byte[])bytes.Clone();
        badShape[2] = 3;
        Assert.Throws<InvalidMerkleTreeException>(() => MerkleTree.Deserialize(badShape));
    }

    [Theory]
    [InlineData(4096, 3)]
    [InlineData(4096, 1)]
    [InlineData(1000, 10)]
    [InlineData(2048, 16)]
    public void Shapes_that_do_not_give_all_leaves_one_depth_are_rejected(int segments, int fanOut)
    {
        Assert.Throws<ArgumentException>(() => new MerkleTreeShape(segments, fanOut));
    }

    [Fact]
    public void Trees_of_different_shapes_cannot_be_compared()
    {
        Assert.Throws<ArgumentException>(() => new MerkleTree(Shape).Diff(new MerkleTree(new MerkleTreeShape(4096, 4096))));
    }
}
