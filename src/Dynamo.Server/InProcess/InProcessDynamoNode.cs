using System.Collections.Immutable;
using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Coordination;
using Dynamo.Server.Node;
using Google.Protobuf;

namespace Dynamo.Server.InProcess;

/// <summary>
/// An <see cref="IDynamoNode"/> over a request router in an actor system of this process, with a
/// fixed membership: every member of the ring is Up and reachable. Serves a single-node store and
/// in-process multi-node setups (nodes reaching each other through a <c>LocalNodeDirectory</c>);
/// membership changes are not supported.
/// </summary>
public sealed class InProcessDynamoNode : IDynamoNode
{
    private readonly ICanTell _router;
    private readonly Ring _ring;
    private readonly string _storagePlugin;
    private readonly Func<string, string?> _httpEndpointOf;
    private readonly DateTimeOffset _startedAt;

    /// <summary>Creates the node view of <paramref name="nodeId"/>.</summary>
    /// <param name="nodeId">This node's id; must be a member of <paramref name="ring"/>.</param>
    /// <param name="router">This node's request router (<c>/user/kv</c>).</param>
    /// <param name="ring">The ring every member routes by.</param>
    /// <param name="storagePlugin">The storage plugin's name, for <c>/stats</c>.</param>
    /// <param name="httpEndpointOf">
    /// The HTTP endpoint of a member, null when unknown. A function because a server bound to port 0
    /// knows its port only once it listens.
    /// </param>
    /// <param name="startedAt">When the node started.</param>
    public InProcessDynamoNode(string nodeId, ICanTell router, Ring ring, string storagePlugin, Func<string, string?> httpEndpointOf, DateTimeOffset startedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentException.ThrowIfNullOrEmpty(storagePlugin);
        ArgumentNullException.ThrowIfNull(httpEndpointOf);
        if (!ring.Members.Contains(nodeId))
        {
            throw new ArgumentException($"Node '{nodeId}' is not a member of the ring ({string.Join(", ", ring.Members)}).", nameof(nodeId));
        }
        NodeId = nodeId;
        _router = router;
        _ring = ring;
        _storagePlugin = storagePlugin;
        _httpEndpointOf = httpEndpointOf;
        _startedAt = startedAt;
    }

    /// <inheritdoc />
    public string NodeId { get; }

    /// <summary>The node's metrics (see <see cref="IDynamoNode.Metrics"/>); null when its actor system is not known here.</summary>
    public Kv.Diagnostics.NodeMetrics? Metrics { get; init; }

    /// <inheritdoc />
    public async Task<object> SendAsync(IMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await _router.Ask(request, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"node {NodeId} did not answer within {timeout.TotalMilliseconds:0} ms", e);
        }
    }

    /// <inheritdoc />
    public async Task<Kv.Hints.HintStats> GetHintStatsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _router.Ask<Kv.Hints.HintStats>(Kv.Hints.GetHintStats.Instance, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"node {NodeId} did not report its hints within {timeout.TotalMilliseconds:0} ms", e);
        }
    }

    /// <inheritdoc />
    public async Task<Kv.AntiEntropy.AntiEntropyStats> GetAntiEntropyStatsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _router.Ask<Kv.AntiEntropy.AntiEntropyStats>(Kv.AntiEntropy.GetAntiEntropyStats.Instance, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"node {NodeId} did not report its anti-entropy within {timeout.TotalMilliseconds:0} ms", e);
        }
    }

    /// <inheritdoc />
    public Task<ClusterView> GetClusterViewAsync(CancellationToken cancellationToken)
    {
        var members = _ring.Members
            .Order(StringComparer.Ordinal)
            .Select(m => new ClusterMemberView(m, m, "Up", true, _httpEndpointOf(m), _ring.PartitionsOf(m).Count))
            .ToImmutableArray();
        // Every member is Up and reachable, so the leader is simply the first in address order, as Akka.Cluster picks it.
        return Task.FromResult(new ClusterView(NodeId, members.IsEmpty ? null : members[0].Address, members));
    }

    /// <inheritdoc />
    public Task<RingView> GetRingAsync(CancellationToken cancellationToken) => Task.FromResult(new RingView(_ring.PartitionCount, _ring.Owners, []));

    /// <inheritdoc />
    public Task<NodeStats> GetStatsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new NodeStats(NodeId, _storagePlugin, _ring.PartitionsOf(NodeId).Count, _startedAt));

    /// <inheritdoc />
    public async Task<ReadRepairStats> GetReadRepairStatsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _router.Ask<ReadRepairStats>(GetReadRepairStats.Instance, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"node {NodeId} did not report its read repairs within {timeout.TotalMilliseconds:0} ms", e);
        }
    }

    /// <inheritdoc />
    public async Task<Kv.VNodes.ObjectBufferStats> GetObjectBufferStatsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _router.Ask<Kv.VNodes.ObjectBufferStats>(Kv.VNodes.GetObjectBufferStats.Instance, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"node {NodeId} did not report its object buffer within {timeout.TotalMilliseconds:0} ms", e);
        }
    }

    /// <inheritdoc />
    /// <remarks>The members are fixed, so no partition ever moves and there is nothing to hand off.</remarks>
    public Task<ImmutableArray<TransferView>> GetTransfersAsync(CancellationToken cancellationToken) => Task.FromResult(ImmutableArray<TransferView>.Empty);

    /// <inheritdoc />
    public Task<HandoffStats> GetHandoffStatsAsync(CancellationToken cancellationToken) => Task.FromResult(HandoffStats.None);

    /// <inheritdoc />
    public Task<OperatorResult> JoinAsync(string address, CancellationToken cancellationToken) =>
        Task.FromResult(new OperatorResult(OperatorOutcome.NotSupported,
            $"node {NodeId} runs an in-process store with fixed members and cannot join {address}"));

    /// <inheritdoc />
    public Task<OperatorResult> LeaveAsync(string address, CancellationToken cancellationToken) => Fixed("leave", address);

    /// <inheritdoc />
    public Task<OperatorResult> DownAsync(string address, CancellationToken cancellationToken) => Fixed("down", address);

    /// <inheritdoc />
    public Task<DownUnreachableResult> DownUnreachableAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new DownUnreachableResult(OperatorOutcome.NotSupported,
            $"node {NodeId} runs an in-process store with fixed members, all reachable: cannot down unreachable members", []));

    /// <inheritdoc />
    /// <remarks>The partitions are not sharded: no Cluster.Sharding region runs.</remarks>
    public Task<ImmutableArray<ShardTypeView>> GetShardRegionsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(ImmutableArray<ShardTypeView>.Empty);

    /// <inheritdoc />
    public Task<ShardStatsView?> GetShardStatsAsync(string typeName, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult<ShardStatsView?>(null);

    private Task<OperatorResult> Fixed(string change, string address) =>
        Task.FromResult(_ring.Members.Contains(address)
            ? new OperatorResult(OperatorOutcome.NotSupported, $"node {NodeId} runs an in-process store with fixed members: cannot {change} {address}")
            : new OperatorResult(OperatorOutcome.UnknownMember, $"no member has the address '{address}'"));
}
