using System.Text.Json;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dynamo.Server.Health;

/// <summary>
/// Liveness and readiness on the node's HTTP port, for orchestrators (Docker health checks, Kubernetes probes):
/// ASP.NET Core health checks fed by Akka.Hosting's health check registrations. Akka.Management 1.5.73 serves no
/// health routes of its own (its reference.conf points to Akka.Hosting's integration), so the node's own Kestrel
/// serves them. <see cref="AlivePath"/>: the actor system runs. <see cref="ReadyPath"/>: alive, and this node's
/// vnodes are up (<see cref="VNodesReadyCheck"/>, <see cref="StandaloneReadyCheck"/>). Both answer 200 when every
/// check they run is healthy and 503 otherwise, with each check's status and description as JSON.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The liveness endpoint: 503 once the actor system has terminated (restart the process).</summary>
    public const string AlivePath = "/health/alive";

    /// <summary>The readiness endpoint: 503 while the node cannot serve its share of the ring (send it no traffic).</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>The tag of the checks <see cref="AlivePath"/> runs (Akka.Hosting's own liveness tag).</summary>
    public const string LivenessTag = "liveness";

    /// <summary>The tag of the checks <see cref="ReadyPath"/> runs besides the liveness ones (Akka.Cluster.Hosting's own readiness tag).</summary>
    public const string ReadinessTag = "ready";

    private static readonly string[] ReadinessTags = ["akka", ReadinessTag];

    /// <summary>
    /// Registers the checks of a cluster member on its actor system: Akka.Hosting's actor system liveness,
    /// Akka.Cluster.Hosting's cluster join, and <see cref="VNodesReadyCheck"/>.
    /// </summary>
    public static void AddMemberChecks(AkkaConfigurationBuilder akka)
    {
        ArgumentNullException.ThrowIfNull(akka);
        akka.WithActorSystemLivenessCheck()
            .WithAkkaClusterReadinessCheck()
            .WithHealthCheck("dynamo.vnodes", new VNodesReadyCheck(), tags: ReadinessTags, timeout: VNodesReadyCheck.RingTimeout * 2);
    }

    /// <summary>Registers the checks of a single-node store: Akka.Hosting's actor system liveness and <see cref="StandaloneReadyCheck"/>.</summary>
    public static void AddStandaloneChecks(AkkaConfigurationBuilder akka)
    {
        ArgumentNullException.ThrowIfNull(akka);
        akka.WithActorSystemLivenessCheck()
            .WithHealthCheck("dynamo.vnodes", new StandaloneReadyCheck(), tags: ReadinessTags);
    }

    /// <summary>
    /// Maps <see cref="AlivePath"/> and <see cref="ReadyPath"/>. The host's services need <c>AddHealthChecks()</c>,
    /// and its actor system the checks of <see cref="AddMemberChecks"/> or <see cref="AddStandaloneChecks"/>.
    /// </summary>
    public static void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapHealthChecks(AlivePath, Options(r => r.Tags.Contains(LivenessTag)));
        // Ready implies alive: a terminated actor system's last ring must not keep a node in a load balancer.
        routes.MapHealthChecks(ReadyPath, Options(r => r.Tags.Contains(LivenessTag) || r.Tags.Contains(ReadinessTag)));
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        // Degraded is not a state these checks report; should one appear, it is not ready either.
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = WriteAsync,
    };

    // {"status": "Unhealthy", "checks": {"dynamo.vnodes": {"status": "Unhealthy", "description": "member is Joining, not Up"}}}
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body), http.RequestAborted);
    }
}
