namespace Dynamo.Cli.Bench;

/// <summary>A run could not start: a node is unreachable or cannot serve the chosen transport.</summary>
public sealed class BenchSetupException(string message) : Exception(message);
