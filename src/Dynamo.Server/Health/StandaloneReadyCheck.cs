using Akka.Hosting;
using Dynamo.Kv.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dynamo.Server.Health;

/// <summary>
/// Readiness of a single-node store: its ring is installed. The store registers its entry actor as
/// <see cref="DynamoStore"/> only after its router confirmed the ring (every vnode recovered), so the registration
/// is the signal; from then on it stays ready while the actor system runs.
/// </summary>
public sealed class StandaloneReadyCheck : IAkkaHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(AkkaHealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(context.ActorRegistry.TryGet<DynamoStore>(out _)
            ? HealthCheckResult.Healthy("the ring is installed")
            : new HealthCheckResult(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy, "the ring's vnodes are still starting"));
    }
}
