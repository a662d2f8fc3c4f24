using Akka.Actor;

namespace Dynamo.Kv.Routing;

/// <summary>
/// How a node reaches the key-value actors of any node, itself included, by node id. Kept
/// abstract so the same router runs with in-process nodes (tests, the simulator) and with remote
/// references backed by cluster membership.
/// </summary>
public interface INodeDirectory
{
    /// <summary>The request router (<see cref="KvPaths.Router"/>) of <paramref name="node"/>, or null when the node is unknown.</summary>
    ICanTell? RouterOf(string node);

    /// <summary>
    /// The vnode of <paramref name="partition"/> on <paramref name="node"/>, or null when the node is
    /// unknown. Messages to a vnode the node does not run are lost, which coordinators treat like a
    /// replica that does not answer.
    /// </summary>
    ICanTell? VNodeOf(string node, int partition);

    /// <summary>
    /// The replica of <paramref name="partition"/> that the ring places on <paramref name="node"/>, wherever it is
    /// served now: on a cluster member (<see cref="Membership.ClusterNodeDirectory"/>), the partition's entity through
    /// the vnode shard region (Cluster.Sharding moves it to the owner once the partition's data is there); without
    /// sharding, as by default, the vnode on that node. Coordinators,
    /// read repair and hint delivery address replicas this way; ownership handoff addresses vnodes themselves.
    /// </summary>
    ICanTell? ReplicaOf(string node, int partition) => VNodeOf(node, partition);

    /// <summary>
    /// The actor system address of <paramref name="node"/>, which a client outside the cluster reaches its router
    /// under; null when the node has none (nodes in one process without remoting).
    /// </summary>
    Address? AddressOf(string node) => null;

    /// <summary>
    /// The replica inbox (<see cref="KvPaths.ReplicaInbox"/>) of <paramref name="node"/>, which takes batches of requests
    /// for that node's replicas (<see cref="Batching.ReplicaOutbox"/>); null where requests are not batched: for this
    /// node itself, an unknown node, and nodes in one process without remoting.
    /// </summary>
    ICanTell? ReplicaInboxOf(string node) => null;

    /// <summary>This node's shard region of vnode entities, or null when partitions are not sharded (a node without a cluster, tests).</summary>
    IActorRef? VNodeRegion => null;

    /// <summary>
    /// The hinted handoff (<see cref="KvPaths.HintedHandoff"/>) of <paramref name="node"/>, which stores
    /// and serves what that node holds as a fallback for others; null when the node is unknown.
    /// </summary>
    ICanTell? HintedHandoffOf(string node);

    /// <summary>
    /// Whether <paramref name="node"/> is believed up and reachable right now: the router gives an
    /// unreachable primary's slot to a fallback (sloppy quorum), and hinted handoff delivers to an owner
    /// only once it is reachable again.
    /// </summary>
    bool IsReachable(string node);
}
