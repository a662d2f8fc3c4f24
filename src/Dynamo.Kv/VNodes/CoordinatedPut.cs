using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// A client write to apply on the coordinating node's own replica: the vnode advances causality
/// with its actor id, <c>node/epoch</c> (see <see cref="VNodeEpoch"/>), superseding what
/// <paramref name="Context"/> saw, persists, and answers
/// <see cref="CoordinatedPutAck"/> with the resulting object, or <see cref="VNodeFailure"/>.
/// </summary>
/// <param name="Bucket">Bucket name.</param>
/// <param name="Key">Key bytes.</param>
/// <param name="Context">The client's context.</param>
/// <param name="Value">The new value, or a tombstone for a delete.</param>
/// <param name="LastWriteWins">Whether the bucket collapses siblings to the latest timestamp.</param>
/// <param name="Limits">Sibling bounds; a write beyond the maximum is answered with <see cref="CoordinatedPutRefused"/>.</param>
public sealed record CoordinatedPut(string Bucket, byte[] Key, CausalContext Context, Sibling Value, bool LastWriteWins, SiblingLimits Limits) : IReplicaRequest
{
    /// <inheritdoc />
    public long RequestId { get; init; }
}
