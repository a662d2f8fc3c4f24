using System.Text;
using Dynamo.Core.Partitioning;

namespace Dynamo.TestSupport;

/// <summary>
/// Keys whose replicas sit on distinct nodes. A key's replicas are its partition and the next N-1; where a ring's
/// nodes cannot spread every such window (3 nodes on 16 partitions), one node holds two of them, and a test that
/// kills nodes to starve a quorum must not pick such a key.
/// </summary>
public static class SpreadKeys
{
    /// <summary>
    /// The first of <c><paramref name="prefix"/>-0</c>, <c>-1</c>, … in <paramref name="bucket"/> whose
    /// <paramref name="n"/> replicas have <paramref name="n"/> different owners in the ring of <paramref name="owners"/>
    /// (each partition's owner, in partition order).
    /// </summary>
    public static string OnDistinctNodes(IReadOnlyList<string> owners, string bucket, string prefix, int n)
    {
        ArgumentNullException.ThrowIfNull(owners);
        var ring = new Ring(owners.Distinct(StringComparer.Ordinal), owners);
        var bucketBytes = Encoding.UTF8.GetBytes(bucket);
        for (var i = 0; i < 10_000; i++)
        {
            var key = $"{prefix}-{i}";
            var partition = ring.PartitionOf(bucketBytes, Encoding.UTF8.GetBytes(key));
            if (Enumerable.Range(0, n).Select(k => owners[(partition + k) % owners.Count]).Distinct(StringComparer.Ordinal).Count() == n)
                return key;
        }
        throw new InvalidOperationException($"No key of {prefix}-0 to -9999 has {n} replicas on distinct nodes of a ring of {ring.OwnerCount} owners.");
    }
}
