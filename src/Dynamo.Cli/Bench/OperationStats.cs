using HdrHistogram;

namespace Dynamo.Cli.Bench;

/// <summary>The measured figures of one operation type (or of all together), latencies in milliseconds.</summary>
/// <param name="Operation">read, update, insert, read-modify-write, or total.</param>
/// <param name="Count">Operations that succeeded.</param>
/// <param name="OpsPerSecond">Successful operations per second of the measured time.</param>
/// <param name="MeanMs">Mean latency.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="P999Ms">99.9th percentile.</param>
/// <param name="MaxMs">Largest latency.</param>
/// <param name="Errors">Operations that failed (not counted in the latencies).</param>
public sealed record OperationStats(string Operation, long Count, double OpsPerSecond, double MeanMs, double P50Ms, double P95Ms,
    double P99Ms, double P999Ms, double MaxMs, long Errors)
{
    /// <summary>The figures of a merged histogram of latencies in nanoseconds over <paramref name="seconds"/> of measured time.</summary>
    public static OperationStats Of(string operation, HistogramBase latencies, long errors, double seconds)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        static double Ms(double nanoseconds) => Math.Round(nanoseconds / 1e6, 3);
        long count = latencies.TotalCount;
        // HdrHistogram reports each value as the highest of the values it cannot tell apart from it (within 1 %).
        double At(double percentile) => count == 0 ? 0 : Ms(latencies.GetValueAtPercentile(percentile));
        return new OperationStats(operation, count,
            seconds > 0 ? Math.Round(count / seconds, 1) : 0,
            count == 0 ? 0 : Ms(latencies.GetMean()), At(50), At(95), At(99), At(99.9),
            count == 0 ? 0 : Ms(latencies.GetMaxValue()), errors);
    }
}
