using System.Collections.Immutable;
using Dynamo.Kv.Coordination;
using Google.Protobuf;

namespace Dynamo.Server.Node;

/// <summary>
/// What the HTTP layer needs from the node it runs in: the local request router for client
/// requests, and the views and operator calls of the cluster. Implemented over an in-process store
/// by <see cref="InProcess.InProcessDynamoNode"/>; a cluster node backs it with membership, the ring
/// computed from its members and remote routers.
/// </summary>
public interface IDynamoNode
{
    /// <summary>This node's id, as it appears in the ring and the cluster view.</summary>
    string NodeId { get; }

    /// <summary>
    /// What the node's actors record on its <c>Dynamo</c> meter (exported at <c>/metrics</c>, and read back for the
    /// <c>coordinated</c> section of <c>/stats</c>); null for a node without key-value actors in this process.
    /// </summary>
    Dynamo.Kv.Diagnostics.NodeMetrics? Metrics => null;

    /// <summary>
    /// Sends a client protocol message (<c>Get</c>, <c>Put</c>, <c>Delete</c>, <c>GetBucketProps</c>,
    /// <c>SetBucketProps</c>) to this node's request router (<c>/user/kv</c>) and returns its reply
    /// (<c>GetResult</c>, <c>PutResult</c>, <c>DeleteResult</c>, <c>BucketPropsResult</c> or <c>KvFailure</c>).
    /// </summary>
    /// <param name="request">The protocol message.</param>
    /// <param name="timeout">How long to wait for the reply before failing with a <see cref="TimeoutException"/>.</param>
    /// <param name="cancellationToken">Abandons the wait (the request may still be carried out).</param>
    /// <exception cref="TimeoutException">No reply within <paramref name="timeout"/>; a write's outcome is unknown.</exception>
    Task<object> SendAsync(IMessage request, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The members as this node sees them, and the leader.</summary>
    Task<ClusterView> GetClusterViewAsync(CancellationToken cancellationToken);

    /// <summary>The ring this node routes by.</summary>
    Task<RingView> GetRingAsync(CancellationToken cancellationToken);

    /// <summary>Facts about this node for <c>/stats</c>.</summary>
    Task<NodeStats> GetStatsAsync(CancellationToken cancellationToken);

    /// <summary>The read repairs this node's get coordinators sent, by reason, for the <c>readRepair</c> section of <c>/stats</c>.</summary>
    /// <param name="timeout">How long to wait for the router's answer.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <exception cref="TimeoutException">The router did not answer within <paramref name="timeout"/>.</exception>
    Task<ReadRepairStats> GetReadRepairStatsAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>What this node's vnodes did with the object buffer, for the <c>objectBuffer</c> section of <c>/stats</c>.</summary>
    /// <param name="timeout">How long to wait for the router's answer.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <exception cref="TimeoutException">The router did not answer within <paramref name="timeout"/>.</exception>
    Task<Dynamo.Kv.VNodes.ObjectBufferStats> GetObjectBufferStatsAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>This node's outgoing ownership transfers (empty for a node whose ring never changes).</summary>
    Task<System.Collections.Immutable.ImmutableArray<TransferView>> GetTransfersAsync(CancellationToken cancellationToken) =>
        Task.FromResult(System.Collections.Immutable.ImmutableArray<TransferView>.Empty);

    /// <summary>The <c>handoff</c> section of <c>/stats</c>.</summary>
    async Task<HandoffStats> GetHandoffStatsAsync(CancellationToken cancellationToken) =>
        HandoffStats.Of(await GetTransfersAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>What this node's hinted handoff stored, delivered and holds per owner, for the <c>hints</c> section of <c>/stats</c>.</summary>
    /// <exception cref="TimeoutException">The node did not answer within <paramref name="timeout"/>.</exception>
    Task<Dynamo.Kv.Hints.HintStats> GetHintStatsAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>What this node's anti-entropy exchanged and repaired, for the <c>antiEntropy</c> section of <c>/stats</c>.</summary>
    /// <exception cref="TimeoutException">The node did not answer within <paramref name="timeout"/>.</exception>
    Task<Dynamo.Kv.AntiEntropy.AntiEntropyStats> GetAntiEntropyStatsAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Asks this node to join the cluster that <paramref name="address"/> belongs to.</summary>
    Task<OperatorResult> JoinAsync(string address, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the member at <paramref name="address"/> to leave the cluster gracefully: it drains (every
    /// ring excludes it and its partitions are handed off) and only then leaves the cluster.
    /// </summary>
    Task<OperatorResult> LeaveAsync(string address, CancellationToken cancellationToken);

    /// <summary>Marks the member at <paramref name="address"/> as down: the operator's verdict that it will not come back.</summary>
    Task<OperatorResult> DownAsync(string address, CancellationToken cancellationToken);

    /// <summary>
    /// Marks down every member this node's view of the cluster holds unreachable, as Petabridge.Cmd's
    /// <c>cluster down-unreachable</c> does: the operator's verdict that none of them will come back.
    /// </summary>
    Task<DownUnreachableResult> DownUnreachableAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new DownUnreachableResult(OperatorOutcome.NotSupported, $"node {NodeId} cannot carry out membership changes", []));

    /// <summary>
    /// The entity types of Cluster.Sharding started on this node, each with its regions as the shard coordinator knows
    /// them; empty on a node whose partitions are not sharded.
    /// </summary>
    /// <exception cref="TimeoutException">A region did not answer within <paramref name="timeout"/>.</exception>
    Task<ImmutableArray<ShardTypeView>> GetShardRegionsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(ImmutableArray<ShardTypeView>.Empty);

    /// <summary>
    /// The shards and entity counts of every region of entity type <paramref name="typeName"/> in the cluster; null when
    /// this node runs no region of that type.
    /// </summary>
    /// <exception cref="TimeoutException">This node's region did not answer in time.</exception>
    Task<ShardStatsView?> GetShardStatsAsync(string typeName, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult<ShardStatsView?>(null);
}
