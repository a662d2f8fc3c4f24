using System.CommandLine;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Cluster;

/// <summary>
/// <c>dynamo cluster show|transfers|sharding|join|leave|down|down-unreachable</c>: the members as a node sees them, the
/// ownership transfers, Cluster.Sharding's regions, and the operator's membership changes, named and meant as in
/// Petabridge.Cmd's cluster commands.
/// </summary>
public static class ClusterCommand
{
    // The role a clustered node advertises its HTTP endpoint with (the server's HttpEndpointRole.Prefix).
    private const string HttpEndpointRolePrefix = "http-endpoint=";

    /// <summary>Builds <c>cluster</c> and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("cluster", "Show the cluster's members, transfers and shard regions, or change membership (join, leave, down, down-unreachable)");
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(TransfersCommand.Create(context));
        command.Subcommands.Add(ShardingCommand.Create(context));
        command.Subcommands.Add(Change(context, "join", "Ask the node (--node) to join the cluster that <address> belongs to",
            (admin, address, ct) => admin.JoinAsync(address, ct)));
        command.Subcommands.Add(Change(context, "leave", "Ask the member at <address> to leave gracefully, handing off its partitions",
            (admin, address, ct) => admin.LeaveAsync(address, ct)));
        command.Subcommands.Add(Change(context, "down", "Mark the member at <address> down: it will not come back",
            (admin, address, ct) => admin.DownAsync(address, ct)));
        command.Subcommands.Add(DownUnreachable(context));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var node = CommonOptions.Node(context);
        var json = CommonOptions.Json();
        var command = new Command("show", "The members (address, status, reachability, HTTP endpoint, partitions, roles), the leader, and the node's transfers in progress") { node, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: false, async (http, address) =>
        {
            var view = await new DynamoAdminClient(http, address).GetClusterAsync(ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, view);
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("Address", "Status", "Reachable", "HTTP", "Partitions", "Leader", "Roles");
            foreach (var member in view.Members)
            {
                // The http-endpoint role is the HTTP column already.
                var roles = member.Roles.Where(r => !r.StartsWith(HttpEndpointRolePrefix, StringComparison.Ordinal)).ToList();
                table.AddRow(
                    Markup.Escape(member.Address),
                    Markup.Escape(member.Status),
                    member.Reachable ? "yes" : "NO",
                    Markup.Escape(member.HttpEndpoint ?? "-"),
                    member.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    member.Address == view.Leader ? "*" : "",
                    roles.Count == 0 ? "-" : Markup.Escape(string.Join(", ", roles)));
            }
            context.Console.Write(table);
            // A node knows only the transfers it sends; `cluster transfers` asks every member.
            TransferTable.Write(context, view.Transfers, " from this node");
            await context.Out.WriteLineAsync($"leader: {view.Leader ?? "none"}; seen from {view.Self}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command DownUnreachable(CliContext context)
    {
        var node = CommonOptions.Node(context);
        var json = CommonOptions.Json();
        var command = new Command("down-unreachable", "Mark down every member the node (--node) sees unreachable: none of them will come back")
        {
            node, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: false, async (http, address) =>
        {
            var result = await new DynamoAdminClient(http, address).DownUnreachableAsync(ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, result);
                return ExitCodes.Success;
            }
            foreach (var downed in result.Downed)
                await context.Out.WriteLineAsync($"downed {downed}");
            await context.Out.WriteLineAsync(result.Message);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Change(CliContext context, string name, string description,
        Func<DynamoAdminClient, string, CancellationToken, Task<string>> change)
    {
        var node = CommonOptions.Node(context);
        var member = new Argument<string>("address") { Description = "A member's address, e.g. akka.tcp://dynamo@127.0.0.1:4054" };
        var command = new Command(name, description) { member, node };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: false, async (http, address) =>
        {
            var target = parse.GetValue(member)!;
            if (!target.StartsWith("akka.", StringComparison.Ordinal) || !target.Contains("://", StringComparison.Ordinal))
                throw new UsageException($"a member's address has the form akka.tcp://system@host:port, but was '{target}'");
            var message = await change(new DynamoAdminClient(http, address), target, ct);
            await context.Out.WriteLineAsync(message);
            return ExitCodes.Success;
        }));
        return command;
    }
}
