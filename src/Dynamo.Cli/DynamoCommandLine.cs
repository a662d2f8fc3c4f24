using System.CommandLine;
using Dynamo.Cli.Bench;

namespace Dynamo.Cli;

/// <summary>The root of the <c>dynamo</c> command tree.</summary>
public static class DynamoCommandLine
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("dynamo: operate a Dynamo.Actors cluster, read and write keys, run a dev cluster, measure it.");
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }
}
