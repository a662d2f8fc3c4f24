using System.CommandLine;
using Dynamo.Cli;

// The `dynamo` operator tool. Every command lives in its own file and is listed in DynamoCommandLine.
// Ctrl+C and SIGTERM cancel the running command; `dev up` then stops its nodes gracefully, which may take
// several seconds, so the command gets that long before the process gives up on it.
return await DynamoCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
