using System.Globalization;
using Akka.Cluster.Sharding;

namespace Dynamo.Kv.Placement;

/// <summary>
/// Cluster.Sharding's view of vnode messages: one shard and one entity per ring partition, both named by the
/// partition's index. Messages travel as Akka's <see cref="Akka.Cluster.Sharding.ShardingEnvelope"/> (see <see cref="ShardedReplica"/>).
/// </summary>
public sealed class PartitionMessageExtractor : IMessageExtractor
{
    /// <summary>The entity and shard id of <paramref name="partition"/>.</summary>
    public static string IdOf(int partition) => partition.ToString(CultureInfo.InvariantCulture);

    /// <summary>The partition an entity or shard id names.</summary>
    /// <exception cref="FormatException">The id is not a partition index.</exception>
    public static int PartitionOf(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            ? partition
            : throw new FormatException($"'{id}' is not a partition index");

    // The region unwraps ShardingEnvelope and ShardRegion.StartEntity itself and asks ShardId(entityId) for their
    // shard; vnode messages travel in nothing else.

    /// <inheritdoc />
    public string? EntityId(object message) => null;

    /// <inheritdoc />
    public object? EntityMessage(object message) => message;

    /// <inheritdoc />
    public string? ShardId(object message) => null;

    /// <inheritdoc />
    public string ShardId(string entityId, object? messageHint = null) => entityId;
}
