namespace Dynamo.Kv.VNodes;

/// <summary>
/// The coordinating replica refused a client write that would leave more siblings than allowed;
/// nothing was stored.
/// </summary>
/// <param name="Node">The replica's node id.</param>
/// <param name="Partition">The replica's partition index.</param>
/// <param name="Siblings">Siblings the write would have left.</param>
/// <param name="Max">The maximum allowed.</param>
public sealed record CoordinatedPutRefused(string Node, int Partition, int Siblings, int Max) : IReplicaReply
{
    /// <inheritdoc />
    public long RequestId { get; init; }
}
