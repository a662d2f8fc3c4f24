using System.Text.Json;
using Dynamo.Actors.Configuration;

namespace Dynamo.Server.Cluster;

/// <summary>The configuration a clustered node process starts its <c>KvNode</c> with.</summary>
public static class ClusterNodeConfig
{
    /// <summary>
    /// <paramref name="config"/> with this node's HTTP endpoint added to <c>dynamo.cluster.roles</c>
    /// (see <see cref="HttpEndpointRole"/>), so every member's cluster view can link to it. Unchanged
    /// when <c>dynamo.http.port</c> is 0, as the port is then unknown until the server listens.
    /// </summary>
    public static Config WithHttpEndpoint(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var endpoint = HttpEndpointRole.EndpointOf(
            config.GetString("dynamo.http.hostname"), config.GetInt("dynamo.http.port"), config.GetString("dynamo.remote.hostname"));
        if (endpoint is null) return config;
        var roles = config.GetStringList("dynamo.cluster.roles")
            .Where(r => !r.StartsWith(HttpEndpointRole.Prefix, StringComparison.Ordinal))
            .Append(HttpEndpointRole.For(endpoint))
            .Select(r => JsonSerializer.Serialize(r));
        return ConfigurationFactory.ParseString($"dynamo.cluster.roles = [{string.Join(", ", roles)}]", "http endpoint")
            .WithFallback(config);
    }
}
