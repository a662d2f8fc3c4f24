using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.Membership;
using Dynamo.Server.Node;

namespace Dynamo.Server.Cluster;

/// <summary>Graceful leave through a drain, and the transfers view.</summary>
public sealed partial class ClusterDynamoNode
{
    // Both answers come from memory (the ring manager's list, the coordinator recording the drain);
    // longer means the node is stopping or the member is unreachable.
    private static readonly TimeSpan HandoffQueryTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public async Task<ImmutableArray<TransferView>> GetTransfersAsync(CancellationToken cancellationToken)
    {
        try
        {
            var transfers = await _node.TransfersAsync(HandoffQueryTimeout, cancellationToken).ConfigureAwait(false);
            return [.. transfers.Items.Select(t => new TransferView(t.Partition, t.From, t.To, t.ObjectsSent, t.State.ToString(), t.Attempts, t.LastError, t.ObjectsSkipped))];
        }
        catch (AskTimeoutException)
        {
            return [];
        }
    }

    /// <inheritdoc />
    public async Task<HandoffStats> GetHandoffStatsAsync(CancellationToken cancellationToken) =>
        HandoffStats.Of(await GetTransfersAsync(cancellationToken).ConfigureAwait(false));

    // A leave goes through the member's own ring coordinator: it drains first and calls Cluster.Leave itself.
    private async Task<OperatorResult> DrainAsync(string address, CancellationToken cancellationToken)
    {
        if (!TryParse(address, out var target, out var refused)) return refused;
        var member = _node.Cluster.State.Members.FirstOrDefault(m => m.Address == target);
        if (member is null) return new OperatorResult(OperatorOutcome.UnknownMember, $"no member has the address '{address}'");
        if (member.Status is not (MemberStatus.Joining or MemberStatus.Up))
            return new OperatorResult(OperatorOutcome.Refused, $"member {target} is {member.Status} and cannot leave");
        try
        {
            var accepted = member.UniqueAddress.Equals(_node.Cluster.SelfUniqueAddress)
                ? await _node.LeaveAsync(DrainTimeout, cancellationToken).ConfigureAwait(false)
                : await ((ExtendedActorSystem)_node.System).Provider.ResolveActorRef(new RootActorPath(target) / "user" / RingCoordinator.Name)
                    .Ask<DrainAccepted>(DrainNode.Instance, DrainTimeout, cancellationToken).ConfigureAwait(false);
            return new OperatorResult(OperatorOutcome.Accepted,
                $"node {accepted.Node} drains: its partitions are handed off to their new owners, then it leaves the cluster");
        }
        catch (AskTimeoutException)
        {
            return new OperatorResult(OperatorOutcome.Refused, $"member {target} did not confirm the drain within {DrainTimeout.TotalSeconds:0} s");
        }
    }
}
