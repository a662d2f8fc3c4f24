using System.CommandLine;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Cluster;

/// <summary>
/// <c>dynamo cluster sharding regions</c>, as Petabridge.Cmd's: the entity types of Cluster.Sharding the node runs
/// (<c>vnode</c>), each with the member address of every region of the type, as the shard coordinator knows them.
/// </summary>
public static class ShardRegionsCommand
{
    /// <summary>Builds <c>cluster sharding regions</c>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = CommonOptions.Node(context);
        var json = CommonOptions.Json();
        var command = new Command("regions", "The Cluster.Sharding entity types the node runs, each with its shard regions (one per member)")
        {
            node, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: false, async (http, address) =>
        {
            var regions = await new DynamoAdminClient(http, address).GetShardRegionsAsync(ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, regions);
                return ExitCodes.Success;
            }
            if (regions.Types.Count == 0)
            {
                await context.Out.WriteLineAsync($"node {regions.Node} runs no shard region (a single-node store does not shard its partitions)");
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("Type", "Region");
            foreach (var type in regions.Types)
            {
                if (type.Regions.Count == 0) table.AddRow(Markup.Escape(type.TypeName), "-");
                for (var i = 0; i < type.Regions.Count; i++)
                    table.AddRow(i == 0 ? Markup.Escape(type.TypeName) : "", Markup.Escape(type.Regions[i]));
            }
            context.Console.Write(table);
            foreach (var type in regions.Types)
            {
                await context.Out.WriteLineAsync(type.Regions.Count == 0
                    ? $"{type.TypeName}: no region known yet (the node has not found the shard coordinator)"
                    : $"{type.TypeName}: {type.Regions.Count} region{(type.Regions.Count == 1 ? "" : "s")}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
