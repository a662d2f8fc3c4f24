using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Dynamo.Kv.Membership;
using Dynamo.Kv.Placement;

namespace Dynamo.Kv.Hosting;

/// <summary>Where Cluster.Sharding runs each partition's vnode entity, as the shard regions report it.</summary>
public sealed partial class KvNode
{
    /// <summary>
    /// The node id of the member whose shard region hosts each allocated partition, from every region of the cluster
    /// (Cluster.Sharding's <see cref="GetClusterShardingStats"/>); partitions no region hosts yet are missing, and so are
    /// the partitions of a region that did not answer within <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="AskTimeoutException">This node's region did not answer within twice <paramref name="timeout"/>.</exception>
    public async Task<ImmutableSortedDictionary<int, string>> ShardPlacementAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var region = ClusterSharding.Get(System).ShardRegion(VNodeSharding.TypeName);
        var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout), timeout * 2, ct).ConfigureAwait(false);
        var placement = ImmutableSortedDictionary.CreateBuilder<int, string>();
        foreach (var (address, regionStats) in stats.Regions)
        {
            var node = NodeIdentity.NodeIdOf(address, Cluster.SelfAddress);
            foreach (var shard in regionStats.Stats.Keys)
                placement[PartitionMessageExtractor.PartitionOf(shard)] = node;
        }
        return placement.ToImmutable();
    }
}
