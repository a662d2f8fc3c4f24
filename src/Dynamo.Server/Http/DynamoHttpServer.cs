using System.Net;
using Dynamo.Server.Hosting;
using Dynamo.Server.Node;
using Dynamo.Server.Stats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dynamo.Server.Http;

/// <summary>Builds the node's HTTP API: Kestrel on the configured address, the endpoints, and the middleware.</summary>
public static class DynamoHttpServer
{
    private const long ReadBufferBytes = 64 * 1024;

    /// <summary>
    /// A web application serving <paramref name="node"/> on <see cref="HttpSettings.Hostname"/> and
    /// <see cref="HttpSettings.Port"/>; start it with <c>StartAsync</c> or <c>RunAsync</c>.
    /// </summary>
    /// <param name="node">The node the API talks to.</param>
    /// <param name="settings">Address, limits and timeouts.</param>
    /// <param name="logging">Configures logging (providers, levels); by default console logging as the web host sets it up.</param>
    public static WebApplication Create(IDynamoNode node, HttpSettings settings, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = CreateBuilder(settings, logging);
        builder.Services.AddSingleton(node);
        builder.Services.ExportMetricsOf(node);
        return Build(builder);
    }

    /// <summary>
    /// The builder of the node's web application: Kestrel on <see cref="HttpSettings.Hostname"/> and
    /// <see cref="HttpSettings.Port"/>, with the API's services. Register the <see cref="IDynamoNode"/> the API
    /// talks to (and the node's actor system, on the same host), then <see cref="Build"/> it.
    /// </summary>
    /// <param name="settings">Address, limits and timeouts.</param>
    /// <param name="logging">Configures logging (providers, levels); by default console logging as the web host sets it up.</param>
    public static WebApplicationBuilder CreateBuilder(HttpSettings settings, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        logging?.Invoke(builder.Logging);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<RequestStats>();
        builder.Services.AddDynamoMetrics();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The endpoints' own capped reads answer oversized bodies with the limit that applies; this
            // backstop sits one read buffer above the largest of them so it never pre-empts them.
            kestrel.Limits.MaxRequestBodySize = Math.Max(settings.MaxValueSize, settings.MaxJsonBodySize) + ReadBufferBytes;
            foreach (var address in AddressesOf(settings.Hostname))
            {
                kestrel.Listen(address, settings.Port);
            }
        });
        return builder;
    }

    /// <summary>The web application of <paramref name="builder"/> (from <see cref="CreateBuilder"/>) with the API mapped.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<ApiMiddleware>();
        KeyEndpoints.Map(app);
        BucketPropsEndpoints.Map(app);
        ClusterEndpoints.Map(app);
        app.MapDynamoMetrics();
        return app;
    }

    private static IEnumerable<IPAddress> AddressesOf(string hostname)
    {
        if (IPAddress.TryParse(hostname, out var address))
        {
            return [address];
        }
        if (string.Equals(hostname, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.Loopback];
        }
        // One address only: with port 0, each listen would otherwise pick a different port.
        return [Dns.GetHostAddresses(hostname).First()];
    }
}
