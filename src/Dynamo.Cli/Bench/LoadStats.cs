namespace Dynamo.Cli.Bench;

/// <summary>What the load phase did: it is not measured, but its errors matter (reads of records it failed to write fail).</summary>
/// <param name="Records">Records inserted successfully.</param>
/// <param name="Seconds">How long loading took.</param>
/// <param name="Errors">Inserts that failed.</param>
public sealed record LoadStats(long Records, double Seconds, long Errors);
