namespace Dynamo.Kv.VNodes;

/// <summary>Reads a replica's object; answered with <see cref="ReplicaGetResult"/> or <see cref="VNodeFailure"/>.</summary>
/// <param name="Bucket">Bucket name.</param>
/// <param name="Key">Key bytes.</param>
public sealed record ReplicaGet(string Bucket, byte[] Key) : IReplicaRequest
{
    /// <inheritdoc />
    public long RequestId { get; init; }
}
