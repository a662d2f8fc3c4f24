namespace Dynamo.Cli;

/// <summary>A command line that parses but makes no sense (an unreadable file, a malformed context): nothing was sent.</summary>
public sealed class UsageException(string message) : Exception(message);
