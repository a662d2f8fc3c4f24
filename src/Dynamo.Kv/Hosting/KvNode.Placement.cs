using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Dynamo.Kv.Membership;
using Dynamo.Kv.Placement;

namespace Dynamo.Kv.Hosting;

/// <summary>
/// What Cluster.Sharding itself reports about this node's shard regions: the entity types, the regions of each,
/// the shards and entities each region runs, and where each partition's vnode entity runs.
/// </summary>
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
        var stats = await ClusterShardingStatsAsync(VNodeSharding.TypeName, timeout, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"node {NodeId} runs no shard region of type {VNodeSharding.TypeName}");
        var placement = ImmutableSortedDictionary.CreateBuilder<int, string>();
        foreach (var (address, regionStats) in stats.Regions)
        {
            var node = NodeIdentity.NodeIdOf(address);
            foreach (var shard in regionStats.Stats.Keys)
                placement[PartitionMessageExtractor.PartitionOf(shard)] = node;
        }
        return placement.ToImmutable();
    }

    /// <summary>
    /// The entity type names of the shard regions (and proxies) started on this node, each with the member address of
    /// every region of that type the shard coordinator knows (Cluster.Sharding's <see cref="GetCurrentRegions"/>), in
    /// address order; no addresses while the coordinator is not known yet.
    /// </summary>
    /// <exception cref="AskTimeoutException">A region did not answer within <paramref name="timeout"/>.</exception>
    public async Task<ImmutableSortedDictionary<string, ImmutableArray<Address>>> ShardRegionsAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var sharding = ClusterSharding.Get(System);
        var regions = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<Address>>(StringComparer.Ordinal);
        foreach (var typeName in sharding.ShardTypeNames)
        {
            var current = await sharding.ShardRegion(typeName).Ask<CurrentRegions>(GetCurrentRegions.Instance, timeout, ct).ConfigureAwait(false);
            regions[typeName] = [.. current.Regions.Select(MemberAddress).Distinct().OrderBy(a => a.ToString(), StringComparer.Ordinal)];
        }
        return regions.ToImmutable();
    }

    /// <summary>
    /// The shards, and the entities in each, of every region of entity type <paramref name="typeName"/> in the cluster
    /// (Cluster.Sharding's <see cref="GetClusterShardingStats"/>), keyed by the member address of each region; null when
    /// this node runs no region of that type. A region that did not answer within <paramref name="timeout"/> is missing.
    /// </summary>
    /// <exception cref="AskTimeoutException">This node's region did not answer within twice <paramref name="timeout"/>.</exception>
    public async Task<ClusterShardingStats?> ClusterShardingStatsAsync(string typeName, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        var sharding = ClusterSharding.Get(System);
        if (!sharding.ShardTypeNames.Contains(typeName)) return null;
        // The region asks every region of the type within the timeout it is given; it answers itself once they have.
        var stats = await sharding.ShardRegion(typeName).Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout), timeout * 2, ct).ConfigureAwait(false);
        var regions = ImmutableDictionary.CreateBuilder<Address, ShardRegionStats>();
        foreach (var (address, regionStats) in stats.Regions)
            regions[MemberAddress(address)] = regionStats;
        return new ClusterShardingStats(regions.ToImmutable());
    }

    // A reference to this node's own region carries an address without host and port; the member address names it.
    private Address MemberAddress(Address address) => address.HasGlobalScope ? address : Cluster.SelfAddress;
}
