namespace Dynamo.Cli.Bench;

/// <summary>
/// What one process spent per operation of the measured run: the profile that says where a run's time goes (a node's
/// CPU, allocations and GC against the client's) and so what limits it on a machine whose cores they share.
/// </summary>
/// <param name="Process">The process: a node's URL, or <c>client</c> for the benchmark itself.</param>
/// <param name="CpuMicroseconds">CPU time per operation, in microseconds.</param>
/// <param name="AllocatedKiB">Managed allocations per operation, in KiB.</param>
/// <param name="GcPausePercent">Share of the run's wall-clock time the process was paused for GC, in percent.</param>
/// <param name="Collections">Garbage collections during the run.</param>
/// <param name="LockContentions">Contended monitor locks per operation.</param>
/// <param name="WorkItems">Thread-pool work items per operation.</param>
/// <param name="ContextSwitches">Context switches per operation; null where the process does not report them.</param>
public sealed record CostPerOperation(string Process, double CpuMicroseconds, double AllocatedKiB, double GcPausePercent, double Collections,
    double LockContentions, double WorkItems, double? ContextSwitches)
{
    /// <summary>The cost <paramref name="spent"/> over <paramref name="operations"/> operations in <paramref name="seconds"/>.</summary>
    public static CostPerOperation Of(string process, ProcessCost spent, long operations, double seconds)
    {
        ArgumentNullException.ThrowIfNull(spent);
        double per = Math.Max(operations, 1);
        return new(process, spent.CpuSeconds * 1e6 / per, spent.AllocatedBytes / 1024 / per,
            seconds > 0 ? 100 * spent.GcPauseSeconds / seconds : 0, spent.Collections, spent.LockContentions / per, spent.WorkItems / per,
            spent.ContextSwitches / per);
    }
}
