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
    /// <summary>The figures of a merged histogram over <paramref name="seconds"/> of measured time.</summary>
    public static OperationStats Of(string operation, LatencyHistogram latencies, long errors, double seconds)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        static double Ms(double nanoseconds) => Math.Round(nanoseconds / 1e6, 3);
        return new OperationStats(operation, latencies.TotalCount,
            seconds > 0 ? Math.Round(latencies.TotalCount / seconds, 1) : 0,
            Ms(latencies.Mean), Ms(latencies.ValueAtPercentile(50)), Ms(latencies.ValueAtPercentile(95)),
            Ms(latencies.ValueAtPercentile(99)), Ms(latencies.ValueAtPercentile(99.9)), Ms(latencies.Max), errors);
    }
}
