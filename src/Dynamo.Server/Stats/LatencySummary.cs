namespace Dynamo.Server.Stats;

/// <summary>Latency percentiles of one operation, in milliseconds.</summary>
/// <param name="Count">Requests measured.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="P999Ms">99.9th percentile.</param>
/// <param name="MaxMs">Slowest request.</param>
public sealed record LatencySummary(long Count, double P50Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs);
