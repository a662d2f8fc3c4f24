using System.Collections.Immutable;

namespace Dynamo.Cli.Dev;

/// <summary>What <c>dynamo dev up</c> was asked to start.</summary>
/// <param name="Nodes">How many nodes.</param>
/// <param name="HttpBasePort">Node i serves HTTP on this port plus i.</param>
/// <param name="PortBase">Node i listens for remoting on this port plus i.</param>
/// <param name="DataDirectory">Node i keeps its SQLite files and its log under <c>node-i</c> here (absolute).</param>
/// <param name="Host">The loopback address the nodes listen on and advertise.</param>
/// <param name="NodeProgram">How to start one node process.</param>
/// <param name="Settings">HOCON lines passed to every node with <c>--set</c>.</param>
/// <param name="StartupTimeout">How long to wait for every node to see the whole cluster Up.</param>
/// <param name="StopTimeout">How long a node has to stop after SIGTERM before it gets SIGKILL.</param>
public sealed record DevClusterOptions(
    int Nodes,
    int HttpBasePort,
    int PortBase,
    string DataDirectory,
    string Host,
    NodeProgram NodeProgram,
    ImmutableArray<string> Settings,
    TimeSpan StartupTimeout,
    TimeSpan StopTimeout)
{
    /// <summary>The actor-system name every node runs under.</summary>
    public const string SystemName = "dynamo";

    /// <summary>The HTTP URL of node <paramref name="i"/>.</summary>
    public string HttpUrl(int i) => $"http://{Host}:{HttpBasePort + i}";

    /// <summary>The member address of node <paramref name="i"/> (Akka.Remote over TCP).</summary>
    public string RemoteAddress(int i) => $"akka.tcp://{SystemName}@{Host}:{PortBase + i}";

    /// <summary>The data folder of node <paramref name="i"/>.</summary>
    public string NodeDirectory(int i) => Path.Combine(DataDirectory, $"node-{i}");
}
