using System.CommandLine;
using System.Globalization;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Cluster;

/// <summary>
/// <c>dynamo cluster sharding</c>: where Cluster.Sharding runs each partition's vnode entity, from the shard regions
/// (the <c>host</c> of each partition in the node's <c>/ring</c>): per node, how many entities it runs and owns, and
/// every partition that runs off its owner, whose data is still being handed off. Exit code 1 while a partition has
/// no region hosting it. Its subcommands <c>regions</c> and <c>shard-stats</c> are Petabridge.Cmd's, answered by
/// Cluster.Sharding's own queries.
/// </summary>
public static class ShardingCommand
{
    /// <summary>Builds <c>cluster sharding</c>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = CommonOptions.Node(context);
        var json = CommonOptions.Json();
        var command = new Command("sharding", "Where each partition's vnode entity runs, from the shard regions: per node, and the partitions not on their owner yet; regions and shard-stats ask Cluster.Sharding itself")
        {
            node, json,
        };
        command.Subcommands.Add(ShardRegionsCommand.Create(context));
        command.Subcommands.Add(ShardStatsCommand.Create(context));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: false, async (http, address) =>
        {
            var ring = await new DynamoAdminClient(http, address).GetRingAsync(ct);
            var nodes = ring.Partitions.Select(p => p.Owner).Concat(ring.Partitions.Select(p => p.Host).OfType<string>())
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(n => new
                {
                    Node = n,
                    Hosts = ring.Partitions.Count(p => p.Host == n),
                    Owns = ring.Partitions.Count(p => p.Owner == n),
                })
                .ToList();
            var moving = ring.Partitions.Where(p => p.Host is not null && p.Host != p.Owner).ToList();
            var unallocated = ring.Partitions.Where(p => p.Host is null).Select(p => p.Partition).ToList();
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, new { ring.PartitionCount, Nodes = nodes, Moving = moving, Unallocated = unallocated });
            }
            else if (ring.PartitionCount == 0)
            {
                context.Out.WriteLine("the node has no ring yet (it has not joined a cluster)");
                return ExitCodes.Success;
            }
            else
            {
                var table = new Table().AddColumns("Node", "Entities", "Owned partitions");
                foreach (var n in nodes)
                    table.AddRow(Markup.Escape(n.Node), n.Hosts.ToString(CultureInfo.InvariantCulture), n.Owns.ToString(CultureInfo.InvariantCulture));
                context.Console.Write(table);
                foreach (var p in moving)
                    context.Out.WriteLine($"partition {p.Partition} runs on {p.Host}, owned by {p.Owner}: its data is still being handed off");
                context.Out.WriteLine(unallocated.Count == 0
                    ? $"all {ring.PartitionCount} partitions run in a shard region"
                    : $"{unallocated.Count} partitions run in no shard region (none on a single-node store): {string.Join(", ", unallocated)}");
            }
            return unallocated.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
