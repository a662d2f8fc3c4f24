using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using Dynamo.Kv.Diagnostics;

namespace Dynamo.Server.Stats;

/// <summary>
/// The node process's context switches, voluntary (a thread waited) and involuntary (the scheduler took the core), as
/// the <c>dynamo.process.context_switches</c> counter of the node's <c>Dynamo</c> meter. The runtime's own
/// <c>System.Runtime</c> meter has CPU time, allocations and GC pauses but not these, which tell a node that hands work
/// between threads too often from one starved of cores. Read with <c>getrusage(RUSAGE_SELF)</c>, which sums every thread
/// of the process (<c>/proc/self/status</c> counts the main thread only): Linux only, absent elsewhere.
/// </summary>
public sealed class ContextSwitches
{
    /// <summary>Counter of the process's context switches since it started, tagged <c>kind</c>.</summary>
    public const string Name = "dynamo.process.context_switches";

    private const int RusageSelf = 0;

    // struct rusage on 64-bit Linux: two timevals (four longs), then fourteen longs ending in ru_nvcsw and ru_nivcsw.
    private const int RusageLongs = 18;
    private const int Voluntary = 16;
    private const int Involuntary = 17;

    /// <summary>Observes the context switches on a <c>Dynamo</c> meter from <paramref name="meters"/>.</summary>
    public ContextSwitches(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(new MeterOptions(KvMetrics.MeterName) { Version = typeof(ContextSwitches).Assembly.GetName().Version?.ToString(3) });
        meter.CreateObservableCounter(Name, Observe, "{switch}", "Context switches of the node process, by kind (voluntary, involuntary).");
    }

    private static IEnumerable<Measurement<long>> Observe()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess) return [];
        var usage = new long[RusageLongs];
        if (GetRusage(RusageSelf, usage) != 0) return [];
        return
        [
            new Measurement<long>(usage[Voluntary], new KeyValuePair<string, object?>("kind", "voluntary")),
            new Measurement<long>(usage[Involuntary], new KeyValuePair<string, object?>("kind", "involuntary")),
        ];
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetRusage(int who, [Out] long[] usage);
}
