using System.Diagnostics.CodeAnalysis;
using Akka.Cluster;

namespace Dynamo.Server.Cluster;

/// <summary>
/// How members learn each other's HTTP endpoints: every clustered node declares the role
/// <c>http-endpoint=&lt;url&gt;</c> when it joins, so the endpoint travels in gossip with the member
/// and needs no lookup of its own. Roles are fixed for an incarnation, so the endpoint must be known
/// before the node joins: a node whose HTTP port is 0 advertises none.
/// </summary>
public static class HttpEndpointRole
{
    /// <summary>What every such role starts with.</summary>
    public const string Prefix = "http-endpoint=";

    /// <summary>The role advertising <paramref name="endpoint"/> (e.g. <c>http://127.0.0.1:8098</c>).</summary>
    public static string For(string endpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        return Prefix + endpoint;
    }

    /// <summary>
    /// The endpoint a node listening on <paramref name="httpHost"/>:<paramref name="httpPort"/> is
    /// reached at; null when the port is chosen at start (0). A wildcard listen address is advertised
    /// as <paramref name="remoteHost"/> (<c>akka.remote.dot-netty.tcp.hostname</c>), the host other
    /// members already reach this node by.
    /// </summary>
    public static string? EndpointOf(string httpHost, int httpPort, string remoteHost)
    {
        ArgumentException.ThrowIfNullOrEmpty(httpHost);
        ArgumentException.ThrowIfNullOrEmpty(remoteHost);
        if (httpPort == 0) return null;
        var host = httpHost is "0.0.0.0" or "::" or "*" or "+" ? remoteHost : httpHost;
        if (host.Contains(':') && !host.StartsWith('[')) host = $"[{host}]";
        return $"http://{host}:{httpPort}";
    }

    /// <summary>The HTTP endpoint <paramref name="member"/> advertises, if it advertises one.</summary>
    public static bool TryGet(Member member, [NotNullWhen(true)] out string? endpoint)
    {
        ArgumentNullException.ThrowIfNull(member);
        var role = member.Roles.FirstOrDefault(r => r.StartsWith(Prefix, StringComparison.Ordinal));
        endpoint = role?[Prefix.Length..];
        return !string.IsNullOrEmpty(endpoint);
    }
}
