using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Dynamo.Configuration;

namespace Dynamo.Server.Cluster;

/// <summary>The configuration a clustered node process starts its <c>KvNode</c> with.</summary>
public static class ClusterNodeConfig
{
    private const string SeedNodes = "akka.cluster.seed-nodes";
    private const string Roles = "akka.cluster.roles";

    /// <summary>
    /// <paramref name="config"/> as a cluster member runs it: seeds given as <c>host:port</c> completed to
    /// member addresses (<see cref="WithSeedAddresses"/>), this node's HTTP endpoint advertised in
    /// <c>akka.cluster.roles</c> (<see cref="WithHttpEndpoint"/>). That a stop does not leave the cluster is
    /// reference.conf's <c>akka.coordinated-shutdown</c>.
    /// </summary>
    /// <exception cref="ConfigurationException">A seed is neither an address nor <c>host:port</c>.</exception>
    public static Config ForClusterMember(Config config) => WithHttpEndpoint(WithSeedAddresses(config));

    /// <summary>
    /// <paramref name="config"/> with every seed written as <c>host:port</c> turned into the address of a member
    /// of this node's cluster: this node's scheme (<c>akka.tcp</c>; <c>akka.ssl.tcp</c> with TLS; with the
    /// throttler of fault injection, <c>akka.trttl.tcp</c> or <c>akka.trttl.ssl.tcp</c>) and actor system name
    /// (<c>dynamo.node.system-name</c>). Seeds given as addresses are kept as written.
    /// </summary>
    /// <exception cref="ConfigurationException">A seed is neither an address nor <c>host:port</c>.</exception>
    public static Config WithSeedAddresses(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var seeds = config.GetStringList(SeedNodes);
        if (seeds.All(s => s.Contains("://", StringComparison.Ordinal))) return config;
        var scheme = SchemeOf(config);
        var system = config.GetString("dynamo.node.system-name");
        var addresses = seeds.Select(seed =>
        {
            if (seed.Contains("://", StringComparison.Ordinal)) return seed;
            int colon = seed.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(seed.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
                || port is < 1 or > 65535)
            {
                throw ConfigErrors.InvalidValue("akka.cluster", "seed-nodes", $"'{seed}' is neither a member address ({scheme}://{system}@host:port) nor host:port");
            }
            return new Address(scheme, system, seed[..colon], port).ToString();
        });
        return ConfigurationFactory.ParseString($"{SeedNodes} = [{string.Join(", ", addresses.Select(a => JsonSerializer.Serialize(a)))}]")
            .WithFallback(config);
    }

    /// <summary>
    /// <paramref name="config"/> with this node's HTTP endpoint added to <c>akka.cluster.roles</c>
    /// (see <see cref="HttpEndpointRole"/>), so every member's cluster view can link to it. Unchanged
    /// when <c>dynamo.http.port</c> is 0, as the port is then unknown until the server listens.
    /// </summary>
    public static Config WithHttpEndpoint(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var endpoint = HttpEndpointRole.EndpointOf(
            config.GetString("dynamo.http.hostname"), config.GetInt("dynamo.http.port"), config.GetString("akka.remote.dot-netty.tcp.hostname"));
        if (endpoint is null) return config;
        var roles = config.GetStringList(Roles)
            .Where(r => !r.StartsWith(HttpEndpointRole.Prefix, StringComparison.Ordinal))
            .Append(HttpEndpointRole.For(endpoint))
            .Select(r => JsonSerializer.Serialize(r));
        return ConfigurationFactory.ParseString($"{Roles} = [{string.Join(", ", roles)}]").WithFallback(config);
    }

    /// <summary>The scheme of this node's address, as Akka.Remote composes it from the transport and its adapters.</summary>
    private static string SchemeOf(Config config)
    {
        var transport = config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl") ? "ssl.tcp" : "tcp";
        var adapters = config.GetStringList("akka.remote.dot-netty.tcp.applied-adapters");
        // Each adapter prefixes its own identifier; the last one listed is outermost.
        foreach (var adapter in adapters) transport = adapter + "." + transport;
        return "akka." + transport;
    }
}
