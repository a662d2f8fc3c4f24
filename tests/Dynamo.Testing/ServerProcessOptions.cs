namespace Dynamo.Testing;

/// <summary>How one <c>Dynamo.Server</c> process is started: its ports, seeds, data folder and HOCON overrides.</summary>
/// <param name="RemotePort">The port of the node's actor transport; its node id is <c>127.0.0.1:RemotePort</c>.</param>
/// <param name="HttpPort">The port of the node's HTTP API.</param>
/// <param name="SeedPorts">Remote ports of the seed nodes, in order; the first seed may start a cluster alone.</param>
/// <param name="DataDirectory">The SQLite data folder, kept across restarts of the same node.</param>
/// <param name="Settings">HOCON lines (<c>key = value</c>) passed with <c>--set</c> after <see cref="ServerProcess.FastTimings"/>, so they win.</param>
public sealed record ServerProcessOptions(int RemotePort, int HttpPort, IReadOnlyList<int> SeedPorts, string DataDirectory, IReadOnlyList<string> Settings)
{
    /// <summary>The HOCON line that turns on fault injection (Akka.Remote's throttler) in the node process.</summary>
    public const string FaultInjectionOn = "dynamo.node.fault-injection = on";

    /// <summary>
    /// The protocol of the node's address: with fault injection Akka.Remote runs the throttler adapter over TCP,
    /// which shows in every address of the cluster.
    /// </summary>
    public string Protocol => Settings.Contains(FaultInjectionOn) ? "akka.trttl.tcp" : "akka.tcp";
}
