namespace Dynamo.Kv.VNodes;

/// <summary>
/// A request a coordinator sends a replica. Its <see cref="RequestId"/> comes back in the answer
/// (<see cref="IReplicaReply"/>), as Riak's vnode requests carry the FSM's request id: one long-lived
/// <see cref="Coordination.CoordinatorHost"/> runs many requests at once and tells their answers apart by it.
/// </summary>
public interface IReplicaRequest
{
    /// <summary>The coordinator's id for the request; 0 when no coordinator waits for the answer by id.</summary>
    long RequestId { get; }
}
