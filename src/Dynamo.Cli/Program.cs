using Dynamo.Cli;

// The `dynamo` operator tool. Every command lives in its own file and is listed in DynamoCommandLine.
return await DynamoCommandLine.Create().Parse(args).InvokeAsync();
