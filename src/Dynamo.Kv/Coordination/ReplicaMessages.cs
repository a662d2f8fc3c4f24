using Dynamo.Core.Siblings;
using Dynamo.Kv.Hints;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// The messages a coordinator sends a replica: a primary's vnode gets <see cref="ReplicaPut"/> and
/// <see cref="ReplicaGet"/>, a fallback the hinted forms naming the owner it stands in for. Both
/// answer with the same acknowledgements and results.
/// </summary>
internal static class ReplicaMessages
{
    public static object Put(ReplicaTarget target, string bucket, byte[] key, SiblingSet value) =>
        target.StandsInFor is { } owner
            ? new HintedPut(owner, target.Partition, bucket, key, value)
            : new ReplicaPut(bucket, key, value);

    public static object Get(ReplicaTarget target, string bucket, byte[] key) =>
        target.StandsInFor is { } owner
            ? new HintedGet(owner, target.Partition, bucket, key)
            : new ReplicaGet(bucket, key);
}
