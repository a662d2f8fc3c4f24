using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// The object buffer (the paper's section 6.1): with it on, exactly one replica of the N writes durably before
/// acknowledging, the coordinating one, whose <see cref="CoordinatedPut"/> is unchanged; every other primary gets
/// a <see cref="BufferedReplicaPut"/>. W is unchanged: any W acknowledgements, buffered or durable, answer the client.
/// </summary>
/// <remarks>
/// The coordinating replica is the natural durable one: its acknowledgement comes first, before the object even
/// goes to the others, so client latency is never bound by waiting for a chosen remote's durable write. A fallback
/// stays durable: it holds the only copy meant for an unreachable owner, as a hint.
/// </remarks>
public sealed partial class PutCoordinator
{
    private object ReplicaPutFor(ReplicaTarget replica, SiblingSet value) =>
        _plan.ObjectBuffer && replica.IsPrimary
            ? new BufferedReplicaPut(_plan.Bucket, _plan.Key, value) { RequestId = RequestId }
            : ReplicaMessages.Put(replica, _plan.Bucket, _plan.Key, value, RequestId);
}
