namespace Dynamo.Testing;

/// <summary>How a <see cref="ProcessCluster"/> starts its nodes and how long it waits for them.</summary>
public sealed record ProcessClusterOptions
{
    /// <summary>HOCON lines (<c>key = value</c>) given to every node after <see cref="ServerProcess.FastTimings"/>.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>Starts nodes with <c>dynamo.node.fault-injection = on</c>, so <see cref="ProcessCluster.PartitionAsync"/> works.</summary>
    public bool FaultInjection { get; init; } = true;

    /// <summary>
    /// Longest wait for nodes to form (or re-form) a cluster: 45 s stretched by the build machine's time factor, as
    /// the test kit's waits are, since every test project's node processes share its cores.
    /// </summary>
    public TimeSpan FormationTimeout { get; init; } = Dynamo.TestSupport.TimeFactor.Dilated(TimeSpan.FromSeconds(45));

    /// <summary>Longest a client request to a node may take before it fails (above the nodes' 2 s request timeout).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Longest a node may take to exit after SIGTERM before <see cref="ProcessCluster.StopAsync"/> fails.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How many of a node's last log lines a failure message quotes.</summary>
    public int LogLinesInFailures { get; init; } = 25;
}
