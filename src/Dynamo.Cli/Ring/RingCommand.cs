using System.CommandLine;
using System.Globalization;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Ring;

/// <summary>
/// <c>dynamo ring show</c>: the partition count, the owner of each partition and (on a cluster) the node whose shard region
/// runs its vnode entity, and how many each node owns.
/// </summary>
public static class RingCommand
{
    /// <summary>Builds <c>ring</c> and its <c>show</c> subcommand.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = CommonOptions.Node(context);
        var json = CommonOptions.Json();
        var show = new Command("show", "The ring a node routes by: each partition's owner and a count per node") { node, json };
        show.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: false, async (http, address) =>
        {
            var ring = await new DynamoAdminClient(http, address).GetRingAsync(ct);
            var summary = ring.Partitions.GroupBy(p => p.Owner, StringComparer.Ordinal)
                .Select(g => new RingOwnerSummary(g.Key, g.Count()))
                .OrderBy(s => s.Node, StringComparer.Ordinal)
                .ToList();
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, new { ring.PartitionCount, ring.Partitions, Nodes = summary });
                return ExitCodes.Success;
            }
            context.Out.WriteLine($"partitions: {ring.PartitionCount}");
            if (ring.PartitionCount == 0)
            {
                context.Out.WriteLine("the node has no ring yet (it has not joined a cluster)");
                return ExitCodes.Success;
            }
            // Where the partition's vnode entity runs, from the shard regions: the owner, or the old owner while a handoff runs.
            var sharded = ring.Partitions.Any(p => p.Host is not null);
            var owners = sharded ? new Table().AddColumns("Partition", "Owner", "Runs on") : new Table().AddColumns("Partition", "Owner");
            foreach (var partition in ring.Partitions)
            {
                if (sharded)
                    owners.AddRow(partition.Partition.ToString(CultureInfo.InvariantCulture), Markup.Escape(partition.Owner), Markup.Escape(partition.Host ?? "-"));
                else
                    owners.AddRow(partition.Partition.ToString(CultureInfo.InvariantCulture), Markup.Escape(partition.Owner));
            }
            context.Console.Write(owners);
            var nodes = new Table().AddColumns("Node", "Partitions", "Share");
            foreach (var s in summary)
                nodes.AddRow(Markup.Escape(s.Node), s.Partitions.ToString(CultureInfo.InvariantCulture),
                    (100.0 * s.Partitions / ring.PartitionCount).ToString("0.0", CultureInfo.InvariantCulture) + " %");
            context.Console.Write(nodes);
            return ExitCodes.Success;
        }));
        var command = new Command("ring", "Show the ring of partitions");
        command.Subcommands.Add(show);
        return command;
    }
}
