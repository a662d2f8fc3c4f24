using System.CommandLine;

namespace Dynamo.Cli.Dev;

/// <summary>
/// <c>dynamo dev up --nodes N --http-base-port P [--port-base Q] [--data-dir DIR] [--host H]</c>: a cluster of
/// node processes on this machine for development, stopped with Ctrl+C.
/// </summary>
public static class DevCommand
{
    /// <summary>Builds <c>dev</c> and its <c>up</c> subcommand.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nodes = new Option<int>("--nodes") { Description = "How many nodes", DefaultValueFactory = _ => 3 };
        var httpBase = new Option<int>("--http-base-port") { Description = "Node i serves HTTP on this port + i", DefaultValueFactory = _ => 8098 };
        var portBase = new Option<int>("--port-base") { Description = "Node i listens for remoting on this port + i", DefaultValueFactory = _ => 4053 };
        var dataDir = new Option<string>("--data-dir") { Description = "Node i keeps its data and node.log in DIR/node-i", DefaultValueFactory = _ => "dev-data", HelpName = "DIR" };
        var host = new Option<string>("--host") { Description = "The address the nodes listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var server = new Option<string?>("--server") { Description = $"The node program (Dynamo.Server.dll or an executable; default ${NodeProgram.Variable} or the one built with this tool)", HelpName = "path" };
        var set = new Option<string[]>("--set") { Description = "A configuration line for every node, key=value; repeat for several", HelpName = "key=value" };
        var startupTimeout = new Option<int>("--startup-timeout") { Description = "Seconds to wait for the whole cluster to be Up", DefaultValueFactory = _ => 90 };
        var stopTimeout = new Option<int>("--stop-timeout") { Description = "Seconds a node has to stop after SIGTERM before SIGKILL", DefaultValueFactory = _ => 15 };
        var up = new Command("up", "Start N nodes on this machine, wait until they form a cluster, and stop them all on Ctrl+C")
        {
            nodes, httpBase, portBase, dataDir, host, server, set, startupTimeout, stopTimeout,
        };
        up.SetAction(async (parse, ct) =>
        {
            DevClusterOptions options;
            try
            {
                var count = parse.GetValue(nodes);
                if (count is < 1 or > 32) throw new UsageException($"--nodes must be between 1 and 32, but was {count}");
                var http = CheckedPortBase("--http-base-port", parse.GetValue(httpBase), count);
                var remote = CheckedPortBase("--port-base", parse.GetValue(portBase), count);
                if (http < remote + count && remote < http + count)
                    throw new UsageException($"the HTTP ports {http}..{http + count - 1} overlap the remoting ports {remote}..{remote + count - 1}");
                var settings = parse.GetValue(set) ?? [];
                if (settings.FirstOrDefault(s => !s.Contains('=')) is { } bad)
                    throw new UsageException($"--set expects key=value, but got '{bad}'");
                if (parse.GetValue(startupTimeout) < 1 || parse.GetValue(stopTimeout) < 1)
                    throw new UsageException("--startup-timeout and --stop-timeout must be at least 1 second");
                options = new DevClusterOptions(count, http, remote, Path.GetFullPath(parse.GetValue(dataDir)!), parse.GetValue(host)!,
                    NodeProgram.Find(parse.GetValue(server), context.GetEnvironmentVariable), [.. settings],
                    TimeSpan.FromSeconds(parse.GetValue(startupTimeout)), TimeSpan.FromSeconds(parse.GetValue(stopTimeout)));
            }
            catch (UsageException e)
            {
                return CommandRunner.Usage(context, e.Message);
            }
            return await new DevCluster(context, options).RunAsync(ct);
        });
        var command = new Command("dev", "A development cluster on this machine");
        command.Subcommands.Add(up);
        return command;
    }

    private static int CheckedPortBase(string option, int port, int count) =>
        port < 1 || port + count - 1 > 65535
            ? throw new UsageException($"{option} must leave room for {count} ports between 1 and 65535, but was {port}")
            : port;
}
