namespace Dynamo.Kv.VNodes;

/// <summary>A replica merged and durably stored a <see cref="ReplicaPut"/>.</summary>
/// <param name="Node">The replica's node id.</param>
/// <param name="Partition">The replica's partition index.</param>
public sealed record ReplicaPutAck(string Node, int Partition) : IReplicaReply
{
    /// <inheritdoc />
    public long RequestId { get; init; }
}
