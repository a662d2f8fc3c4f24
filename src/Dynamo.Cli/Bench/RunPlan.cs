using System.Diagnostics;

namespace Dynamo.Cli.Bench;

/// <summary>
/// When a run's clients start, stop measuring warm-up and stop altogether, in <see cref="Stopwatch"/> ticks;
/// and for an open loop, the schedule of intended start times. Shared by every client.
/// </summary>
internal sealed class RunPlan
{
    private long _measuredOperationsLeft;

    public RunPlan(BenchSettings settings, long startTicks)
    {
        StartTicks = startTicks;
        if (settings.Rate is { } rate)
        {
            TicksPerOperation = Stopwatch.Frequency / rate;
            WarmupOperations = (long)Math.Round(settings.Warmup.TotalSeconds * rate);
            TotalOperations = WarmupOperations + (settings.Operations ?? (long)Math.Round(settings.Duration!.Value.TotalSeconds * rate));
            MeasureFromTicks = startTicks + (long)(WarmupOperations * TicksPerOperation);
        }
        else
        {
            MeasureFromTicks = startTicks + Ticks(settings.Warmup);
            _measuredOperationsLeft = settings.Operations ?? long.MaxValue;
        }
        EndTicks = settings.Duration is { } duration ? MeasureFromTicks + Ticks(duration) : long.MaxValue;
    }

    /// <summary>When the run started.</summary>
    public long StartTicks { get; }

    /// <summary>When the warm-up ends and measuring starts.</summary>
    public long MeasureFromTicks { get; }

    /// <summary>When a duration-bounded run stops issuing operations; <see cref="long.MaxValue"/> otherwise.</summary>
    public long EndTicks { get; }

    /// <summary>Open loop: ticks between intended starts of consecutive operations over all clients.</summary>
    public double TicksPerOperation { get; }

    /// <summary>Open loop: the first operations of the schedule, which are warm-up.</summary>
    public long WarmupOperations { get; }

    /// <summary>Open loop: the length of the schedule, warm-up included.</summary>
    public long TotalOperations { get; }

    /// <summary>Open loop: the intended start of the schedule's operation <paramref name="index"/>.</summary>
    public long IntendedStart(long index) => StartTicks + (long)(index * TicksPerOperation);

    /// <summary>Closed loop: claims one measured operation of an operation-bounded run; false once all are claimed.</summary>
    public bool ClaimMeasuredOperation() => Interlocked.Decrement(ref _measuredOperationsLeft) >= 0;

    /// <summary>Closed loop: measured operations not yet claimed.</summary>
    public long MeasuredOperationsLeft => Math.Max(0, Volatile.Read(ref _measuredOperationsLeft));

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
