using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.Membership;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Placement;

/// <summary>
/// Cluster.Sharding's allocation strategy for vnode entities: a partition's shard goes to the node Dynamo's claim
/// names as the partition's owner, in the ring the coordinator's node computes from the members (the same ring on
/// every node that sees the same members), so placement is balanced, N-distinct and moves the minimum on a join or
/// leave, as the claim does.
/// </summary>
/// <remarks>
/// <para>
/// <c>AllocateShard</c> answers the owner's region; while the owner has none (a node that has just joined) the
/// allocation fails and the asking region asks again after <c>akka.cluster.sharding.retry-interval</c>.
/// </para>
/// <para>
/// <c>Rebalance</c> is ownership handoff's gate: a shard on a node that no longer owns its partition moves only once
/// that node's ring manager reports no transfer or check of the partition in progress, that is once the partition's
/// data reached the new owner (ownership handoff streams it vnode to vnode and forwards writes until the receiver
/// has everything). Until then the entity keeps passing requests to the old node's vnode, which serves and forwards.
/// Moving a shard whose data has moved is cheap (an entity stops, another starts), so every ready shard moves at once.
/// </para>
/// </remarks>
public sealed class ClaimAllocationStrategy : IShardAllocationStrategy, IActorSystemDependentAllocationStrategy
{
    private readonly TimeSpan _askTimeout;
    private ExtendedActorSystem? _system;

    /// <summary>A strategy that waits at most <paramref name="askTimeout"/> for the ring and for a node's transfers.</summary>
    public ClaimAllocationStrategy(TimeSpan askTimeout)
    {
        if (askTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(askTimeout), askTimeout, "must be positive");
        _askTimeout = askTimeout;
    }

    /// <inheritdoc />
    public void Start(ActorSystem system) => _system = (ExtendedActorSystem)system;

    /// <inheritdoc />
    public async Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        var ring = await RingAsync().ConfigureAwait(false)
            ?? throw new InvalidOperationException($"shard {shardId} waits for the ring: no members with the store's role are up yet");
        var partition = PartitionMessageExtractor.PartitionOf(shardId);
        return ClaimPlacement.OwnerRegion(ring, partition, currentShardAllocations.Keys, NodeOf)
            ?? throw new InvalidOperationException($"shard {shardId} waits for a region on {ring.OwnerOf(partition)}, the owner of partition {partition}");
    }

    /// <inheritdoc />
    public async Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress)
    {
        if (await RingAsync().ConfigureAwait(false) is not { } ring) return ImmutableHashSet<string>.Empty;
        var misplaced = ClaimPlacement.Misplaced(ring, currentShardAllocations, NodeOf).Where(m => !rebalanceInProgress.Contains(m.Shard)).ToList();
        if (misplaced.Count == 0) return ImmutableHashSet<string>.Empty;
        var busy = await Task.WhenAll(misplaced.Select(m => m.From).Distinct(StringComparer.Ordinal).Select(BusyPartitionsAsync)).ConfigureAwait(false);
        var busyOf = busy.ToDictionary(b => b.Node, b => b.Partitions, StringComparer.Ordinal);
        return misplaced
            .Where(m => busyOf[m.From] is { } partitions && !partitions.Contains(m.Partition))
            .Select(m => m.Shard)
            .ToImmutableHashSet();
    }

    private ExtendedActorSystem System => _system ?? throw new InvalidOperationException("the allocation strategy was not started");

    private string NodeOf(IActorRef region) => NodeIdentity.NodeIdOf(region.Path.Address, System.Provider.DefaultAddress);

    private async Task<Ring?> RingAsync()
    {
        try
        {
            var current = await System.ActorSelection("/user/" + RingCoordinator.Name).Ask<CurrentRing>(GetCurrentRing.Instance, _askTimeout).ConfigureAwait(false);
            return current.Ring;
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    // The partitions a node is still handing off or checking; null when it does not answer, so nothing leaves it.
    private async Task<(string Node, IReadOnlySet<int>? Partitions)> BusyPartitionsAsync(string node)
    {
        try
        {
            if (!NodeIdentity.TryAddressOf(node, System.Provider.DefaultAddress, out var address)) return (node, null);
            var ringManager = System.ActorSelection(new RootActorPath(address) / KvPaths.RingManager.Split('/', StringSplitOptions.RemoveEmptyEntries));
            var transfers = await ringManager.Ask<Transfers>(GetTransfers.Instance, _askTimeout).ConfigureAwait(false);
            return (node, transfers.Items.Where(t => t.State != TransferState.Completed).Select(t => t.Partition).ToHashSet());
        }
        catch (AskTimeoutException)
        {
            return (node, null);
        }
    }
}
