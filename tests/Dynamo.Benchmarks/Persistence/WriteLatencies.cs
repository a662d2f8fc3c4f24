using System.Diagnostics;
using System.Globalization;
using HdrHistogram;

namespace Dynamo.Benchmarks.Persistence;

/// <summary>
/// The latencies of individual durable writes, in an HdrHistogram per benchmark invocation, because the mean
/// BenchmarkDotNet reports hides the tail: printed as writes per second, median and 99th percentile, the first
/// third of the invocations discarded as warm-up. Writes may be recorded from any thread.
/// </summary>
internal sealed class WriteLatencies
{
    // Up to a minute, to three significant digits: a write slower than that has failed the benchmark anyway.
    private static readonly long Highest = Stopwatch.Frequency * 60;
    private readonly List<(HistogramBase Latencies, TimeSpan Elapsed)> _invocations = [];
    private LongConcurrentHistogram? _current;
    private long _started;

    /// <summary>Starts the histogram of a new invocation; call <see cref="EndInvocation"/> when it is over.</summary>
    public void BeginInvocation()
    {
        _current = new LongConcurrentHistogram(1, Highest, 3);
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Records one write that began at <paramref name="start"/>, a <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public void RecordSince(long start) =>
        (_current ?? throw new InvalidOperationException("No invocation begun.")).RecordValue(Math.Clamp(Stopwatch.GetTimestamp() - start, 1, Highest));

    /// <summary>Closes the current invocation's histogram.</summary>
    public void EndInvocation()
    {
        if (_current is null) return;
        _invocations.Add((_current, Stopwatch.GetElapsedTime(_started)));
        _current = null;
    }

    /// <summary>
    /// Writes <c>// <paramref name="label"/>: n writes, w/s, median m us, p99 p us</c> to the console, over every
    /// invocation but the first third; writes nothing when nothing was recorded.
    /// </summary>
    public void Print(string label)
    {
        var kept = _invocations.Skip(_invocations.Count / 3).ToList();
        if (kept.Count == 0) return;
        var merged = new LongHistogram(Highest, 3);
        foreach (var (latencies, _) in kept)
            merged.Add(latencies);
        if (merged.TotalCount == 0) return;
        var seconds = kept.Sum(i => i.Elapsed.TotalSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {label}: {merged.TotalCount} writes over {kept.Count} invocations, {merged.TotalCount / seconds:N0}/s, median {Microseconds(merged.GetValueAtPercentile(50)):N0} us, p99 {Microseconds(merged.GetValueAtPercentile(99)):N0} us, max {Microseconds(merged.GetMaxValue()):N0} us"));
    }

    private static double Microseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
