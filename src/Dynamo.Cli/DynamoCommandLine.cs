using System.CommandLine;
using Dynamo.Cli.Bench;
using Dynamo.Cli.Buckets;
using Dynamo.Cli.Cluster;
using Dynamo.Cli.Dev;
using Dynamo.Cli.Keys;
using Dynamo.Cli.Ring;
using Dynamo.Cli.Stats;

namespace Dynamo.Cli;

/// <summary>The root of the <c>dynamo</c> command tree.</summary>
public static class DynamoCommandLine
{
    /// <summary>Builds the root command with every subcommand, writing to this process's console.</summary>
    public static RootCommand Create() => Create(CliContext.ForProcess());

    /// <summary>Builds the root command with every subcommand, writing where <paramref name="context"/> says.</summary>
    public static RootCommand Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("dynamo: operate a Dynamo cluster, read and write keys, run a dev cluster, measure it.");
        root.Subcommands.Add(ClusterCommand.Create(context));
        root.Subcommands.Add(RingCommand.Create(context));
        root.Subcommands.Add(StatsCommand.Create(context));
        root.Subcommands.Add(GetCommand.Create(context));
        root.Subcommands.Add(PutCommand.Create(context));
        root.Subcommands.Add(DeleteCommand.Create(context));
        root.Subcommands.Add(BucketCommand.Create(context));
        root.Subcommands.Add(DevCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context.Console));
        return root;
    }
}
