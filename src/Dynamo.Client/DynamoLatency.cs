namespace Dynamo.Client;

/// <summary>Latency percentiles of one operation since the node started, in milliseconds (an entry of <c>latency</c> in <c>GET /stats</c>).</summary>
/// <param name="Count">Requests measured.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="MaxMs">Slowest request.</param>
public sealed record DynamoLatency(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    /// <summary>99.9th percentile; null from a node that does not report it.</summary>
    public double? P999Ms { get; init; }
}
