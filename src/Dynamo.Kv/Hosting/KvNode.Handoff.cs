using Akka.Actor;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Hosting;

/// <summary>Graceful leave and the transfers view of a key-value node.</summary>
public sealed partial class KvNode
{
    /// <summary>
    /// Starts this node's graceful leave: it drains (every ring excludes it, its partitions are handed
    /// off) and only then leaves the cluster. Returns once the drain is recorded, not when it is done;
    /// watch the member's status or <see cref="TransfersAsync"/> for progress.
    /// </summary>
    /// <exception cref="AskTimeoutException">The ring coordinator did not answer within <paramref name="timeout"/>.</exception>
    public Task<DrainAccepted> LeaveAsync(TimeSpan timeout, CancellationToken ct = default) =>
        RingCoordinator.Ask<DrainAccepted>(DrainNode.Instance, timeout, ct);

    /// <summary>This node's outgoing ownership transfers (the node's part of <c>riak-admin transfers</c>).</summary>
    /// <exception cref="AskTimeoutException">The ring manager did not answer within <paramref name="timeout"/>.</exception>
    public Task<Transfers> TransfersAsync(TimeSpan timeout, CancellationToken ct = default) =>
        System.ActorSelection(KvPaths.RingManager).Ask<Transfers>(GetTransfers.Instance, timeout, ct);
}
