using Akka.Actor;
using Akka.Configuration;
using Dynamo.Configuration;

namespace Dynamo.Server.Tests;

/// <summary>
/// What Akka.Remote and Akka.Cluster read from a node's configuration to address the node and find its
/// cluster, read with the node's own key checks, so a sample file that would not start a member fails here.
/// </summary>
/// <param name="Hostname"><c>akka.remote.dot-netty.tcp.hostname</c>.</param>
/// <param name="Port"><c>akka.remote.dot-netty.tcp.port</c>.</param>
/// <param name="SeedNodes"><c>akka.cluster.seed-nodes</c>, each a member address.</param>
internal sealed record MemberAddressing(string Hostname, int Port, IReadOnlyList<Address> SeedNodes)
{
    private const string Tcp = "akka.remote.dot-netty.tcp";
    private const string Cluster = "akka.cluster";

    /// <summary>Reads the keys from <paramref name="config"/> (with the reference configuration as fallback).</summary>
    /// <exception cref="ConfigurationException">A key is missing or has the wrong type.</exception>
    /// <exception cref="UriFormatException">A seed is not a member address.</exception>
    public static MemberAddressing FromConfig(Config config)
    {
        var tcp = config.GetConfig(Tcp);
        var seeds = config.GetConfig(Cluster).ReadStringList(Cluster, "seed-nodes").Select(Address.Parse).ToList();
        return new MemberAddressing(tcp.ReadString(Tcp, "hostname"), tcp.ReadInt(Tcp, "port"), seeds);
    }
}
