using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// An object to merge into a replica (from a put coordinator or read repair): versions the stored
/// ones dominate are dropped, dominating ones replace them, concurrent ones become siblings.
/// Answered with <see cref="ReplicaPutAck"/> once durable, or <see cref="VNodeFailure"/>.
/// </summary>
/// <param name="Bucket">Bucket name.</param>
/// <param name="Key">Key bytes.</param>
/// <param name="Object">The versions to merge.</param>
public sealed record ReplicaPut(string Bucket, byte[] Key, SiblingSet Object) : IReplicaRequest
{
    /// <inheritdoc />
    public long RequestId { get; init; }
}
