using System.Collections.Immutable;
using Akka.Actor;
using Dynamo.Core.Partitioning;

namespace Dynamo.Kv.Placement;

/// <summary>
/// Where the ring wants each partition's shard, against where Cluster.Sharding has put it: the decisions of
/// <see cref="ClaimAllocationStrategy"/>, apart from the actor system it asks.
/// </summary>
public static class ClaimPlacement
{
    /// <summary>
    /// The region of the node <paramref name="ring"/> names as <paramref name="partition"/>'s owner, among
    /// <paramref name="regions"/>; null when that node has registered no region (yet).
    /// </summary>
    /// <param name="ring">The ring, computed by Dynamo's claim from the members.</param>
    /// <param name="partition">The partition whose shard is placed.</param>
    /// <param name="regions">The shard regions the coordinator knows.</param>
    /// <param name="nodeOf">The node id of a region.</param>
    public static IActorRef? OwnerRegion(Ring ring, int partition, IEnumerable<IActorRef> regions, Func<IActorRef, string> nodeOf)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(nodeOf);
        var owner = ring.OwnerOf(partition);
        return regions.FirstOrDefault(r => string.Equals(nodeOf(r), owner, StringComparison.Ordinal));
    }

    /// <summary>
    /// The shards of <paramref name="allocations"/> on a node other than their partition's owner, whose owner has a
    /// region to move them to, each with the node that hosts it now; shard ids that name no partition of the ring are
    /// left where they are.
    /// </summary>
    public static ImmutableArray<(string Shard, int Partition, string From)> Misplaced(
        Ring ring, IImmutableDictionary<IActorRef, IImmutableList<string>> allocations, Func<IActorRef, string> nodeOf)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(allocations);
        ArgumentNullException.ThrowIfNull(nodeOf);
        var nodesWithRegions = allocations.Keys.Select(nodeOf).ToHashSet(StringComparer.Ordinal);
        var misplaced = ImmutableArray.CreateBuilder<(string, int, string)>();
        foreach (var (region, shards) in allocations)
        {
            var node = nodeOf(region);
            foreach (var shard in shards)
            {
                if (!int.TryParse(shard, out var partition) || partition < 0 || partition >= ring.PartitionCount) continue;
                var owner = ring.OwnerOf(partition);
                if (!string.Equals(owner, node, StringComparison.Ordinal) && nodesWithRegions.Contains(owner))
                    misplaced.Add((shard, partition, node));
            }
        }
        return misplaced.ToImmutable();
    }
}
