using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>The coordinating replica stored the write durably; <paramref name="Object"/> is what it now holds.</summary>
/// <param name="Node">The replica's node id.</param>
/// <param name="Partition">The replica's partition index.</param>
/// <param name="Object">The stored object, to send to the other replicas.</param>
public sealed record CoordinatedPutAck(string Node, int Partition, SiblingSet Object) : IReplicaReply
{
    /// <inheritdoc />
    public long RequestId { get; init; }
}
