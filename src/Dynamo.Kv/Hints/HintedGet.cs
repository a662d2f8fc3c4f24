namespace Dynamo.Kv.Hints;

/// <summary>
/// A replica read sent to a fallback in place of the unreachable <paramref name="Owner"/>: answered
/// with <see cref="VNodes.ReplicaGetResult"/> holding the causal merge of every hint the fallback keeps
/// for that key and owner (empty when it keeps none), or <see cref="VNodes.VNodeFailure"/>.
/// </summary>
/// <param name="Owner">The primary the fallback stands in for.</param>
/// <param name="Partition">The owner's partition.</param>
/// <param name="Bucket">Bucket name.</param>
/// <param name="Key">Key bytes.</param>
public sealed record HintedGet(string Owner, int Partition, string Bucket, byte[] Key) : VNodes.IReplicaRequest
{
    /// <inheritdoc />
    public long RequestId { get; init; }
}
