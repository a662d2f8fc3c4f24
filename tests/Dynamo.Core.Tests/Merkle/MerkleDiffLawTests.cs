using System.Text;
using Dynamo.Core.Merkle;
using FsCheck;
using FsCheck.Fluent;

namespace Dynamo.Core.Tests.Merkle;

public sealed class MerkleDiffLawTests
{
    private static readonly Arbitrary<(int Seed, int FanBits, int Levels)> Cases =
        (from seed in Gen.Choose(0, int.MaxValue - 1)
         from fanBits in Gen.Choose(1, 4)
         from levels in Gen.Choose(1, 3)
         select (seed, fanBits, levels)).ToArbitrary();

    [Fact]
    public void Diff_reports_exactly_the_segments_whose_contents_differ() =>
        Prop.ForAll(Cases, c =>
        {
            var shape = new MerkleTreeShape(1 << (c.FanBits * c.Levels), 1 << c.FanBits);
            var random = new Random(c.Seed);
            var local = new MerkleTree(shape);
            var remote = new MerkleTree(shape);
            var localItems = new Dictionary<int, int>();
            var remoteItems = new Dictionary<int, int>();
            for (var i = 0; i < 200; i++)
            {
                var key = random.Next(300);
                var version = random.Next(3);
                Put(local, localItems, key, version);
                // Mostly the same writes on both sides, sometimes a different or missing one.
                switch (random.Next(10))
                {
                    case 0:
                        break;
                    case 1:
                        Put(remote, remoteItems, key, version + 1);
                        break;
                    default:
                        Put(remote, remoteItems, key, version);
                        break;
                }
            }

            var expected = localItems.Keys.Union(remoteItems.Keys)
                .Where(k => localItems.GetValueOrDefault(k, -1) != remoteItems.GetValueOrDefault(k, -1))
                .Select(k => local.SegmentOf(Key(k)))
                .ToHashSet();
            var diff = local.Diff(remote);
            var reported = diff.SegmentIndices.ToList();
            var bound = 1 + expected.Count * shape.FanOut * shape.Depth;
            return expected.SetEquals(reported) && reported.Count == expected.Count && diff.HashesExchanged <= bound;
        }).QuickCheckThrowOnFailure();

    private static void Put(MerkleTree tree, Dictionary<int, int> items, int key, int version)
    {
        if (items.TryGetValue(key, out var old))
        {
            tree.Update(Key(key), Digest(old), Digest(version));
        }
        else
        {
            tree.Insert(Key(key), Digest(version));
        }

        items[key] = version;
    }

    private static byte[] Key(int i) => Encoding.UTF8.GetBytes($"k{i}");

    private static byte[] Digest(int version) => BitConverter.GetBytes(version);
}
