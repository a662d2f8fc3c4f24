using System.Diagnostics;
using System.Globalization;

namespace Dynamo.Cli.Bench;

/// <summary>
/// What a process has spent since it started, as cumulative counters: CPU, bytes allocated, GC pauses and collections,
/// lock contentions, thread-pool work items and context switches. Two samples taken around a run give its cost.
/// </summary>
/// <param name="CpuSeconds">CPU time, user and system.</param>
/// <param name="AllocatedBytes">Bytes allocated on the managed heap.</param>
/// <param name="GcPauseSeconds">Time the runtime paused threads for garbage collection.</param>
/// <param name="Collections">Garbage collections, every generation.</param>
/// <param name="LockContentions">Times a thread waited for a monitor lock another held.</param>
/// <param name="WorkItems">Work items the thread pool ran.</param>
/// <param name="ContextSwitches">Context switches, voluntary and involuntary; null where the process does not report them.</param>
public sealed record ProcessCost(double CpuSeconds, double AllocatedBytes, double GcPauseSeconds, double Collections,
    double LockContentions, double WorkItems, double? ContextSwitches)
{
    // The runtime's System.Runtime meter and the node's context switches, as OpenTelemetry's Prometheus exporter names them.
    private const string Cpu = "dotnet_process_cpu_time_seconds_total";
    private const string Allocated = "dotnet_gc_heap_total_allocated_bytes_total";
    private const string GcPause = "dotnet_gc_pause_time_seconds_total";
    private const string GcCollections = "dotnet_gc_collections_total";
    private const string Contentions = "dotnet_monitor_lock_contentions_total";
    private const string ThreadPoolItems = "dotnet_thread_pool_work_item_count_total";
    private const string Switches = "dynamo_process_context_switches_total";

    /// <summary>What was spent between <paramref name="before"/> and this sample.</summary>
    public ProcessCost Since(ProcessCost before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return new(CpuSeconds - before.CpuSeconds, AllocatedBytes - before.AllocatedBytes, GcPauseSeconds - before.GcPauseSeconds,
            Collections - before.Collections, LockContentions - before.LockContentions, WorkItems - before.WorkItems,
            ContextSwitches - before.ContextSwitches);
    }

    /// <summary>
    /// The counters of a node's <c>GET /metrics</c> (Prometheus text format): each one summed over its series (CPU over
    /// user and system, collections over generations). Null when the scrape lacks the runtime's counters.
    /// </summary>
    public static ProcessCost? FromPrometheus(string scrape)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in scrape.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty || line[0] == '#') continue;
            var nameEnd = line.IndexOfAny('{', ' ');
            if (nameEnd <= 0) continue;
            // Labels may hold spaces inside quotes; the value is the first field after them, an optional timestamp follows.
            var rest = line[nameEnd] == '{' ? AfterLabels(line[nameEnd..]) : line[nameEnd..];
            rest = rest.TrimStart(' ');
            var valueEnd = rest.IndexOf(' ');
            if (valueEnd >= 0) rest = rest[..valueEnd];
            if (!double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
            var name = line[..nameEnd].ToString();
            sums[name] = sums.GetValueOrDefault(name) + value;
        }
        if (!sums.TryGetValue(Cpu, out var cpu) || !sums.TryGetValue(Allocated, out var allocated)) return null;
        return new(cpu, allocated, sums.GetValueOrDefault(GcPause), sums.GetValueOrDefault(GcCollections),
            sums.GetValueOrDefault(Contentions), sums.GetValueOrDefault(ThreadPoolItems),
            sums.TryGetValue(Switches, out var switches) ? switches : null);
    }

    /// <summary>What follows a label block that starts at the first character, skipping braces within quoted values.</summary>
    private static ReadOnlySpan<char> AfterLabels(ReadOnlySpan<char> labels)
    {
        var quoted = false;
        for (var i = 1; i < labels.Length; i++)
        {
            if (quoted && labels[i] == '\\') i++;
            else if (labels[i] == '"') quoted = !quoted;
            else if (!quoted && labels[i] == '}') return labels[(i + 1)..];
        }
        return [];
    }

    /// <summary>The counters of this process (the benchmark's clients), from the runtime directly.</summary>
    public static ProcessCost OfThisProcess()
    {
        using var process = Process.GetCurrentProcess();
        int collections = 0;
        for (var generation = 0; generation <= GC.MaxGeneration; generation++) collections += GC.CollectionCount(generation);
        return new(process.TotalProcessorTime.TotalSeconds, GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration().TotalSeconds, collections,
            Monitor.LockContentionCount, ThreadPool.CompletedWorkItemCount, null);
    }
}
