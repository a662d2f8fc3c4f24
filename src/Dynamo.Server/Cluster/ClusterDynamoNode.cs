using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Hosting;
using Dynamo.Kv.Membership;
using Dynamo.Protocol;
using Dynamo.Server.Node;
using Google.Protobuf;

namespace Dynamo.Server.Cluster;

/// <summary>
/// An <see cref="IDynamoNode"/> over a running <see cref="KvNode"/>: requests go to its router,
/// the cluster view comes from membership gossip, the ring from its ring coordinator, and operator
/// calls become cluster join, leave and down.
/// </summary>
/// <remarks>
/// Bucket properties are cluster metadata: a <c>SetBucketProps</c> goes to this node's router like any
/// request, and the node replicates it to the other members itself.
/// </remarks>
public sealed partial class ClusterDynamoNode : IDynamoNode
{
    // The ring coordinator is local and answers from memory; a slower answer means the actor system
    // is stopping, and the views fall back to the last ring seen.
    private static readonly TimeSpan RingQueryTimeout = TimeSpan.FromSeconds(2);

    // How long the shard regions get to say which partitions they host; a region slower than this leaves its
    // partitions without a host in the view.
    private static readonly TimeSpan PlacementTimeout = TimeSpan.FromSeconds(2);

    private readonly KvNode _node;
    private readonly DateTimeOffset _startedAt;
    private Ring? _lastRing;

    /// <summary>Creates the node view of <paramref name="node"/>.</summary>
    /// <param name="node">The running key-value node.</param>
    /// <param name="startedAt">When the node started.</param>
    public ClusterDynamoNode(KvNode node, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node;
        _startedAt = startedAt;
    }

    /// <inheritdoc />
    public string NodeId => _node.NodeId;

    /// <inheritdoc />
    public Kv.Diagnostics.NodeMetrics? Metrics => Kv.Diagnostics.KvMetrics.For(_node.System, _node.NodeId);

    /// <inheritdoc />
    public async Task<object> SendAsync(IMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await _node.AskAsync(request, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"node {NodeId} did not answer within {timeout.TotalMilliseconds:0} ms", e);
        }
    }

    /// <inheritdoc />
    public async Task<ClusterView> GetClusterViewAsync(CancellationToken cancellationToken)
    {
        var ring = await CurrentRingAsync(cancellationToken).ConfigureAwait(false);
        var transfers = await GetTransfersAsync(cancellationToken).ConfigureAwait(false);
        var state = _node.Cluster.State;
        var members = state.Members
            .Select(m =>
            {
                var nodeId = NodeIdentity.NodeIdOf(m.Address);
                var reachable = m.UniqueAddress.Equals(_node.Cluster.SelfUniqueAddress) || !state.Unreachable.Contains(m);
                return new ClusterMemberView(
                    m.Address.ToString(),
                    nodeId,
                    m.Status.ToString(),
                    reachable,
                    HttpEndpointRole.TryGet(m, out var endpoint) ? endpoint : null,
                    ring is not null && ring.Members.Contains(nodeId) ? ring.PartitionsOf(nodeId).Count : 0)
                {
                    Roles = [.. m.Roles.Order(StringComparer.Ordinal)],
                };
            })
            .ToImmutableArray();
        return new ClusterView(_node.Cluster.SelfAddress.ToString(), state.Leader?.ToString(), members) { Transfers = transfers };
    }

    /// <inheritdoc />
    public async Task<RingView> GetRingAsync(CancellationToken cancellationToken)
    {
        var ring = await CurrentRingAsync(cancellationToken).ConfigureAwait(false);
        if (ring is null) return new RingView(0, [], []);
        ImmutableSortedDictionary<int, string> placement;
        try
        {
            placement = await _node.ShardPlacementAsync(PlacementTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            placement = ImmutableSortedDictionary<int, string>.Empty;
        }
        return new RingView(ring.PartitionCount, ring.Owners, [.. Enumerable.Range(0, ring.PartitionCount).Select(p => placement.GetValueOrDefault(p))]);
    }

    /// <inheritdoc />
    public async Task<NodeStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        var ring = await CurrentRingAsync(cancellationToken).ConfigureAwait(false);
        var owned = ring is not null && ring.Members.Contains(NodeId) ? ring.PartitionsOf(NodeId).Count : 0;
        return new NodeStats(NodeId, _node.StoragePlugin, owned, _startedAt);
    }

    /// <inheritdoc />
    public async Task<ReadRepairStats> GetReadRepairStatsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _node.Router.Ask<ReadRepairStats>(GetReadRepairStats.Instance, timeout, cancellationToken).ConfigureAwait(false);
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
            return await _node.Router.Ask<Kv.VNodes.ObjectBufferStats>(Kv.VNodes.GetObjectBufferStats.Instance, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"node {NodeId} did not report its object buffer within {timeout.TotalMilliseconds:0} ms", e);
        }
    }

    /// <inheritdoc />
    public async Task<Kv.Hints.HintStats> GetHintStatsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _node.Router.Ask<Kv.Hints.HintStats>(Kv.Hints.GetHintStats.Instance, timeout, cancellationToken).ConfigureAwait(false);
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
            return await _node.Router.Ask<Kv.AntiEntropy.AntiEntropyStats>(Kv.AntiEntropy.GetAntiEntropyStats.Instance, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"node {NodeId} did not report its anti-entropy within {timeout.TotalMilliseconds:0} ms", e);
        }
    }

    /// <inheritdoc />
    public Task<OperatorResult> JoinAsync(string address, CancellationToken cancellationToken)
    {
        if (!TryParse(address, out var target, out var refused)) return Task.FromResult(refused);
        _node.Cluster.Join(target);
        return Task.FromResult(new OperatorResult(OperatorOutcome.Accepted, $"node {NodeId} asked to join the cluster of {target}"));
    }

    /// <inheritdoc />
    public Task<OperatorResult> LeaveAsync(string address, CancellationToken cancellationToken) => DrainAsync(address, cancellationToken);

    /// <inheritdoc />
    public Task<OperatorResult> DownAsync(string address, CancellationToken cancellationToken) =>
        Change(address, "down", a => _node.Cluster.Down(a));

    /// <inheritdoc />
    /// <remarks>
    /// Unreachable as Akka.Cluster's state has it: a member some member's failure detector holds unreachable, as gossip
    /// brought it here. Members already Down or Removed need nothing and are left out.
    /// </remarks>
    public Task<DownUnreachableResult> DownUnreachableAsync(CancellationToken cancellationToken)
    {
        var unreachable = _node.Cluster.State.Unreachable
            .Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Removed))
            .Select(m => m.Address)
            .OrderBy(a => a.ToString(), StringComparer.Ordinal)
            .ToList();
        foreach (var address in unreachable) _node.Cluster.Down(address);
        var message = unreachable.Count == 0
            ? $"node {NodeId} sees no unreachable member: nothing to down"
            : $"down of {unreachable.Count} unreachable member{(unreachable.Count == 1 ? "" : "s")} accepted; membership converges on it through gossip";
        return Task.FromResult(new DownUnreachableResult(OperatorOutcome.Accepted, message, [.. unreachable.Select(a => a.ToString())]));
    }

    private Task<OperatorResult> Change(string address, string change, Action<Address> apply)
    {
        if (!TryParse(address, out var target, out var refused)) return Task.FromResult(refused);
        var member = _node.Cluster.State.Members.FirstOrDefault(m => m.Address == target);
        if (member is null)
        {
            return Task.FromResult(new OperatorResult(OperatorOutcome.UnknownMember, $"no member has the address '{address}'"));
        }
        if (member.Status is MemberStatus.Removed)
        {
            return Task.FromResult(new OperatorResult(OperatorOutcome.Refused, $"member {target} is already removed and cannot {change}"));
        }
        apply(target);
        return Task.FromResult(new OperatorResult(OperatorOutcome.Accepted, $"{change} of {target} accepted; membership converges on it through gossip"));
    }

    private bool TryParse(string address, out Address target, out OperatorResult refused)
    {
        refused = null!;
        if (!Address.TryParse(address, out var parsed) || !parsed.HasGlobalScope)
        {
            target = null!;
            refused = new OperatorResult(OperatorOutcome.Refused, $"'{address}' is not a member address (expected {_node.Cluster.SelfAddress.Protocol}://system@host:port)");
            return false;
        }
        if (parsed.System != _node.Cluster.SelfAddress.System)
        {
            target = null!;
            refused = new OperatorResult(OperatorOutcome.Refused, $"'{address}' names actor system '{parsed.System}', but this cluster's members run '{_node.Cluster.SelfAddress.System}'");
            return false;
        }
        target = parsed;
        return true;
    }

    private async Task<Ring?> CurrentRingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var current = await _node.CurrentRingAsync(RingQueryTimeout, cancellationToken).ConfigureAwait(false);
            // The views show the last ring whose vnodes all run (recovered from their journals), not one still installing.
            if (current.Ring is not null && current.Installed) Volatile.Write(ref _lastRing, current.Ring);
        }
        catch (AskTimeoutException)
        {
            // Keep the last ring seen: the view stays useful while the node stops.
        }
        return Volatile.Read(ref _lastRing);
    }
}
