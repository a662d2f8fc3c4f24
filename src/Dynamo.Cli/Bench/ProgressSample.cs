namespace Dynamo.Cli.Bench;

/// <summary>One second of a running phase, for the live progress line.</summary>
/// <param name="Phase">load, warm-up or run.</param>
/// <param name="Elapsed">Time since the phase started.</param>
/// <param name="OpsPerSecond">Operations finished in the last second (successful or not), per second.</param>
/// <param name="Errors">Operations that failed in the last second.</param>
/// <param name="P99Ms">99th percentile latency of the last second's successful operations, in milliseconds.</param>
/// <param name="Left">Estimated time left in the phase; null when unknown.</param>
public sealed record ProgressSample(string Phase, TimeSpan Elapsed, double OpsPerSecond, long Errors, double P99Ms, TimeSpan? Left);
