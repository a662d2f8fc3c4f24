using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// A <see cref="ReplicaPut"/> for a bucket with the object buffer on (the paper's section 6.1): the
/// replica merges it as usual but answers <see cref="ReplicaPutAck"/> as soon as the merged object is
/// in its in-memory buffer and handed to the storage writer, not once it is durable. The coordinator
/// sends it only to primaries other than itself, whose own write stays durable.
/// </summary>
/// <param name="Bucket">Bucket name.</param>
/// <param name="Key">Key bytes.</param>
/// <param name="Object">The versions to merge.</param>
public sealed record BufferedReplicaPut(string Bucket, byte[] Key, SiblingSet Object) : IReplicaRequest
{
    /// <inheritdoc />
    public long RequestId { get; init; }


    /// <summary>The same write as a durable <see cref="ReplicaPut"/>, which the merge itself works on.</summary>
    public ReplicaPut Merge => new(Bucket, Key, Object) { RequestId = RequestId };
}
