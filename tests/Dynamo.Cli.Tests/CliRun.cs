namespace Dynamo.Cli.Tests;

/// <summary>What one in-process run of the tool left: its exit code and everything it wrote.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error);
