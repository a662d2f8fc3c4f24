using Dynamo.Core.Siblings;

namespace Dynamo.Kv.Hints;

/// <summary>
/// A replica write sent to a fallback in place of the unreachable <paramref name="Owner"/>: the
/// fallback's <see cref="HintedHandoff"/> stores it durably as a hint naming the owner, then answers
/// <see cref="VNodes.ReplicaPutAck"/> (counted toward W), or <see cref="VNodes.VNodeFailure"/>.
/// </summary>
/// <param name="Owner">The primary the fallback stands in for, to which the hint is delivered later.</param>
/// <param name="Partition">The owner's partition (the slot's partition index).</param>
/// <param name="Bucket">Bucket name.</param>
/// <param name="Key">Key bytes.</param>
/// <param name="Object">The versions to hand to the owner.</param>
public sealed record HintedPut(string Owner, int Partition, string Bucket, byte[] Key, SiblingSet Object) : VNodes.IReplicaRequest
{
    /// <inheritdoc />
    public long RequestId { get; init; }
}
