using System.Text;
using Dynamo.Core.Merkle;

namespace Dynamo.Core.Tests.Merkle;

public sealed class MerkleHashingTests
{
    [Fact]
    public void Keys_spread_evenly_over_segments()
    {
        var tree = new MerkleTree(new MerkleTreeShape(256, 16));
        var counts = new int[256];
        for (var i = 0; i < 256_00; i++)
        {
            counts[tree.SegmentOf(Encoding.UTF8.GetBytes($"bucket/key-{i}"))]++;
        }

        // 100 expected per segment; a binomial spread stays well inside ±50 % at this size.
        Assert.All(counts, c => Assert.InRange(c, 50, 150));
    }

    [Fact]
    public void Every_input_byte_and_the_length_change_the_hash()
    {
        var data = Encoding.UTF8.GetBytes("a key of twenty bytes");
        var baseline = MerkleHashing.Hash64(data, 0);
        for (var i = 0; i < data.Length; i++)
        {
            var changed = (byte[])data.Clone();
            changed[i] ^= 1;
            Assert.NotEqual(baseline, MerkleHashing.Hash64(changed, 0));
        }

        Assert.NotEqual(MerkleHashing.Hash64([0], 0), MerkleHashing.Hash64([0, 0], 0));
        Assert.NotEqual(MerkleHashing.Hash64([], 0), MerkleHashing.Hash64([], 1));
    }
}
