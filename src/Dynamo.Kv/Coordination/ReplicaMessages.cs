using Dynamo.Core.Siblings;
using Dynamo.Kv.Hints;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// The messages a coordinator sends a replica: a primary's vnode gets <see cref="ReplicaPut"/> and
/// <see cref="ReplicaGet"/>, a fallback the hinted forms naming the owner it stands in for. Both
/// answer with the same acknowledgements and results, carrying back the coordinator's request id.
/// </summary>
internal static class ReplicaMessages
{
    public static object Put(ReplicaTarget target, string bucket, byte[] key, SiblingSet value, long requestId) =>
        target.StandsInFor is { } owner
            ? new HintedPut(owner, target.Partition, bucket, key, value) { RequestId = requestId }
            : new ReplicaPut(bucket, key, value) { RequestId = requestId };

    public static object Get(ReplicaTarget target, string bucket, byte[] key, long requestId) =>
        target.StandsInFor is { } owner
            ? new HintedGet(owner, target.Partition, bucket, key) { RequestId = requestId }
            : new ReplicaGet(bucket, key) { RequestId = requestId };
}
