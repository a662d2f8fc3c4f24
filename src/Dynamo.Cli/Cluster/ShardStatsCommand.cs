using System.CommandLine;
using System.Globalization;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Cluster;

/// <summary>
/// <c>dynamo cluster sharding shard-stats &lt;type&gt;</c> (or <c>-t &lt;type&gt;</c>, as Petabridge.Cmd spells it): per shard
/// region of the entity type, its shards and the entities running in each, from Cluster.Sharding's cluster stats. A type
/// the node runs no region of is a usage error; a shard or a whole picture that did not arrive in time makes exit code 1.
/// </summary>
public static class ShardStatsCommand
{
    /// <summary>Builds <c>cluster sharding shard-stats</c>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = CommonOptions.Node(context);
        var json = CommonOptions.Json();
        var typeArgument = new Argument<string?>("type")
        {
            Description = "The entity type name (vnode; see cluster sharding regions)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var typeOption = new Option<string?>("--type", "-t") { Description = "The entity type name, as Petabridge.Cmd takes it", HelpName = "type" };
        var command = new Command("shard-stats", "Per shard region of an entity type: its shards and how many entities each runs")
        {
            typeArgument, typeOption, node, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: false, async (http, address) =>
        {
            var typeName = TypeNameOf(parse.GetValue(typeArgument), parse.GetValue(typeOption));
            DynamoShardStats stats;
            try
            {
                stats = await new DynamoAdminClient(http, address).GetShardStatsAsync(typeName, ct);
            }
            catch (DynamoRequestException e) when (e.StatusCode == 404)
            {
                throw new UsageException(e.Error);
            }
            var failed = stats.Regions.Where(r => r.FailedShards.Count > 0).ToList();
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, stats);
            }
            else
            {
                var table = new Table().AddColumns("Region", "Shard", "Entities");
                foreach (var region in stats.Regions)
                {
                    if (region.Shards.Count == 0) table.AddRow(Markup.Escape(region.Address), "-", "0");
                    for (var i = 0; i < region.Shards.Count; i++)
                    {
                        table.AddRow(
                            i == 0 ? Markup.Escape(region.Address) : "",
                            Markup.Escape(region.Shards[i].ShardId),
                            region.Shards[i].Entities.ToString(CultureInfo.InvariantCulture));
                    }
                }
                if (stats.Regions.Count > 0) context.Console.Write(table);
                foreach (var region in stats.Regions)
                {
                    await context.Out.WriteLineAsync($"{region.Address}: {region.Shards.Count} shards, {region.Shards.Sum(s => s.Entities)} entities"
                        + (region.FailedShards.Count == 0 ? "" : $"; did not report in time: shards {string.Join(", ", region.FailedShards)}"));
                }
                await context.Out.WriteLineAsync($"{stats.TypeName}: {stats.Regions.Sum(r => r.Shards.Count)} shards, "
                    + $"{stats.Regions.Sum(r => r.Shards.Sum(s => s.Entities))} entities in {stats.Regions.Count} regions");
            }
            // The node's own region is always one of them: none at all means the regions did not answer in time.
            if (stats.Regions.Count == 0)
            {
                await context.Error.WriteLineAsync($"dynamo: no shard region of type {stats.TypeName} answered in time");
                return ExitCodes.Failure;
            }
            if (failed.Count > 0)
            {
                await context.Error.WriteLineAsync($"dynamo: {failed.Sum(r => r.FailedShards.Count)} shards did not report their entities in time");
                return ExitCodes.Failure;
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string TypeNameOf(string? argument, string? option)
    {
        if (string.IsNullOrWhiteSpace(argument) && string.IsNullOrWhiteSpace(option))
            throw new UsageException("name the entity type: shard-stats <type> or shard-stats -t <type> (cluster sharding regions lists them)");
        if (!string.IsNullOrWhiteSpace(argument) && !string.IsNullOrWhiteSpace(option) && argument != option)
            throw new UsageException($"the entity type is given twice, as '{argument}' and as -t '{option}'");
        return string.IsNullOrWhiteSpace(argument) ? option! : argument;
    }
}
