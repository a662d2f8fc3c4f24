using System.Collections.Immutable;
using System.Globalization;
using Akka.Actor;
using Dynamo.Kv.Membership;
using Dynamo.Server.Node;

namespace Dynamo.Server.Cluster;

/// <summary>The shard regions and their shards, as Cluster.Sharding reports them.</summary>
public sealed partial class ClusterDynamoNode
{
    // Numeric shard ids (a vnode's is its partition) read best in numeric order, 2 before 10; any others follow them.
    private static readonly Comparer<string> ShardOrder = Comparer<string>.Create((x, y) =>
    {
        var xNumber = int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var a);
        var yNumber = int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var b);
        return xNumber && yNumber ? a.CompareTo(b) : xNumber != yNumber ? (xNumber ? -1 : 1) : string.CompareOrdinal(x, y);
    });

    /// <inheritdoc />
    public async Task<ImmutableArray<ShardTypeView>> GetShardRegionsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var regions = await _node.ShardRegionsAsync(timeout, cancellationToken).ConfigureAwait(false);
            return [.. regions.Select(r => new ShardTypeView(r.Key, [.. r.Value.Select(a => a.ToString())]))];
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"node {NodeId}'s shard regions did not answer within {timeout.TotalMilliseconds:0} ms", e);
        }
    }

    /// <inheritdoc />
    public async Task<ShardStatsView?> GetShardStatsAsync(string typeName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        Akka.Cluster.Sharding.ClusterShardingStats? stats;
        try
        {
            stats = await _node.ClusterShardingStatsAsync(typeName, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"node {NodeId}'s shard region of type {typeName} did not answer within {(timeout * 2).TotalMilliseconds:0} ms", e);
        }
        if (stats is null) return null;
        var regions = stats.Regions
            .OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
            .Select(r => new RegionStatsView(
                r.Key.ToString(),
                NodeIdentity.NodeIdOf(r.Key),
                [.. r.Value.Stats.OrderBy(s => s.Key, ShardOrder).Select(s => new ShardView(s.Key, s.Value))],
                [.. (r.Value.Failed ?? ImmutableHashSet<string>.Empty).Order(ShardOrder)]));
        return new ShardStatsView(typeName, [.. regions]);
    }
}
