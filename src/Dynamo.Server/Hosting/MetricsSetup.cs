using System.Diagnostics.Metrics;
using Dynamo.Kv.Diagnostics;
using Dynamo.Server.Http;
using Dynamo.Server.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Dynamo.Server.Hosting;

/// <summary>
/// The node's metrics on OpenTelemetry: its <c>Dynamo</c> meters (the key-value actors' <see cref="KvMetrics"/> and the
/// HTTP API's <see cref="Stats.RequestStats"/>) and the runtime's, exported for Prometheus to scrape at <c>GET /metrics</c>.
/// </summary>
public static class MetricsSetup
{
    /// <summary>The scrape endpoint's path.</summary>
    public const string ScrapePath = "/metrics";

    // Built into .NET: GC, JIT, thread pool, exceptions; nothing to install and nothing to run until scraped.
    private const string RuntimeMeter = "System.Runtime";

    /// <summary>
    /// Registers the OpenTelemetry meter provider with the Prometheus exporter. Call <see cref="MapDynamoMetrics"/> on
    /// the built application to serve the scrape endpoint. The HTTP instruments are this application's own (its
    /// <see cref="IMeterFactory"/>'s); of the key-value meters, every one in the process is exported (a node process runs
    /// one node) unless <see cref="ExportMetricsOf"/> names the node's.
    /// </summary>
    public static IServiceCollection AddDynamoMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<Stats.ContextSwitches>();
        services.AddOpenTelemetry()
            // The scrape's target_info names the service; each sample names its node (dynamo_node).
            .ConfigureResource(resource => resource.AddService("dynamo", autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddMeter(KvMetrics.MeterName, RuntimeMeter)
                // Every scrape collects afresh, so /metrics and /stats read at the same moment agree.
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        services.ConfigureOpenTelemetryMeterProvider((provider, builder) =>
        {
            // Every Dynamo meter of the process answers to the same name, and a process may run several nodes (the
            // in-process clusters of tests and simulations): a node exports its own meters and no other node's. The
            // meter provider is built as the host starts, before the node's actors may be: nothing here may ask for the
            // node itself, only for what was registered ready-made.
            var factory = provider.GetRequiredService<IMeterFactory>();
            var node = provider.GetService<NodeMeter>();
            builder.AddView(instrument =>
            {
                var meter = instrument.Meter;
                if (meter.Name != KvMetrics.MeterName) return null;
                bool own = meter.Scope is IMeterFactory scope ? ReferenceEquals(scope, factory) : node is null || node.Meter == meter;
                return own ? null : MetricStreamConfiguration.Drop;
            });
        });
        return services;
    }

    /// <summary>
    /// Exports the key-value meter of <paramref name="node"/> and no other of this process (see
    /// <see cref="IDynamoNode.Metrics"/>): for a node given ready-made, as in-process clusters run several.
    /// </summary>
    public static IServiceCollection ExportMetricsOf(this IServiceCollection services, IDynamoNode node)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(node);
        return services.AddSingleton(new NodeMeter(node.Metrics?.Meter));
    }

    /// <summary>Serves the Prometheus scrape endpoint at <see cref="ScrapePath"/>, counted in <c>/stats</c> as <c>metrics</c>.</summary>
    public static IEndpointConventionBuilder MapDynamoMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Observed from here on: created with the endpoint that exports it.
        _ = endpoints.ServiceProvider.GetRequiredService<Stats.ContextSwitches>();
        return endpoints.MapPrometheusScrapingEndpoint(ScrapePath).WithMetadata(new DynamoOperation("metrics"));
    }

    // The key-value meter of the node a web application serves; null when the node records none.
    private sealed record NodeMeter(Meter? Meter);
}
