using Akka.Cluster;
using Akka.Hosting;
using Dynamo.Kv.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dynamo.Server.Health;

/// <summary>
/// Readiness of a cluster member: its vnodes are up. The member is <see cref="MemberStatus.Up"/>, and the ring its
/// <see cref="KvNode.RingCoordinator"/> computed names this node and is installed, which the router confirms only
/// once every vnode this node owns on that ring is hosted (its entity started and its journal recovered). A joining
/// member, one whose new ring is still starting its vnodes, and one draining out of the ring are not ready.
/// </summary>
public sealed class VNodesReadyCheck : IAkkaHealthCheck
{
    /// <summary>How long the check waits for the ring coordinator's answer.</summary>
    public static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(AkkaHealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var system = context.ActorSystem;
        var status = Akka.Cluster.Cluster.Get(system).SelfMember.Status;
        if (status != MemberStatus.Up)
        {
            return Failed(context, $"member is {status}, not Up");
        }
        if (!KvNode.RunsOn(system))
        {
            // A member without the store's role hosts no vnodes; its proxy serves once the member is Up.
            return HealthCheckResult.Healthy("member is Up; it runs no vnodes (no store role)");
        }
        var node = KvNode.Get(system);
        var current = await node.CurrentRingAsync(RingTimeout, cancellationToken).ConfigureAwait(false);
        if (current.Ring is null)
        {
            return Failed(context, "no ring yet");
        }
        if (!current.Ring.Members.Contains(node.NodeId, StringComparer.Ordinal))
        {
            return Failed(context, $"the ring does not name this node ({node.NodeId}): it is draining or not yet claimed");
        }
        if (!current.Installed)
        {
            return Failed(context, "the ring's vnodes are still starting");
        }
        return HealthCheckResult.Healthy($"member is Up; {current.Ring.PartitionsOf(node.NodeId).Count} owned partitions hosted");
    }

    private static HealthCheckResult Failed(AkkaHealthCheckContext context, string description) =>
        new(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy, description);
}
