using Dynamo.Actors;
using Dynamo.Actors.Cluster;
using Dynamo.Actors.Configuration;

namespace Dynamo.Cluster.TestNode;

/// <summary>
/// A cluster node in its own process for the multi-process tests: <c>dotnet Dynamo.Cluster.TestNode.dll PORT SEED_PORT...</c>.
/// It prints <c>READY address</c> once started and one line per cluster event it sees (<c>MemberUp address</c>,
/// <c>UnreachableMember address</c>, ...), and runs until killed or until its standard input closes.
/// </summary>
public static class Program
{
    /// <summary>Starts the node and blocks until standard input closes.</summary>
    public static int Main(string[] args)
    {
        if (args.Length < 1 || !int.TryParse(args[0], out int port))
        {
            Console.Error.WriteLine("usage: Dynamo.Cluster.TestNode PORT [SEED_PORT...]");
            return 2;
        }
        var seeds = args.Skip(1).Select(p => $"\"dynamo.tcp://cluster@127.0.0.1:{int.Parse(p)}\"");
        var config = ConfigurationFactory.ParseString($$"""
            dynamo.actor.provider = cluster
            dynamo.actor.stdout-loglevel = ERROR
            dynamo.remote { hostname = "127.0.0.1", port = {{port}}, cookie = "process-tests", backoff-min = 50ms, backoff-max = 300ms, heartbeat-interval = 200ms, idle-timeout = 3s }
            dynamo.cluster {
              seed-nodes = [{{string.Join(", ", seeds)}}]
              seed-node-timeout = 1s
              gossip-interval = 200ms
              leader-actions-interval = 200ms
              unreachable-nodes-reaper-interval = 200ms
              periodic-tasks-initial-delay = 100ms
              failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 1s, expected-response-after = 500ms }
            }
            """);
        using var system = ClusterActorSystem.Create("cluster", config);
        var printer = system.ActorOf(Props.Create(() => new EventPrinter()), "event-printer");
        Dynamo.Actors.Cluster.Cluster.Get(system).Subscribe(printer, ClusterSubscriptionInitialState.AsEvents, typeof(ClusterEvent));
        Console.WriteLine($"READY {system.Address}");
        Console.Out.Flush();
        // The parent test ends the node by closing stdin (graceful) or by killing the process (SIGKILL).
        while (Console.In.ReadLine() is not null) { }
        return 0;
    }
}
