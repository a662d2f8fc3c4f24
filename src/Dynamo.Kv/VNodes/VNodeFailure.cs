namespace Dynamo.Kv.VNodes;

/// <summary>A replica could not serve a request (storage failed, stored bytes unreadable).</summary>
/// <param name="Node">The replica's node id.</param>
/// <param name="Partition">The replica's partition index.</param>
/// <param name="Reason">What went wrong.</param>
public sealed record VNodeFailure(string Node, int Partition, string Reason) : IReplicaReply
{
    /// <inheritdoc />
    public long RequestId { get; init; }
}
