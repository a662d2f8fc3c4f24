using Dynamo.Actors;
using Dynamo.Actors.Cluster;
using Dynamo.Actors.Configuration;
using Dynamo.Actors.TestKit;
using Dynamo.Testing;

namespace Dynamo.Cluster.Tests;

/// <summary>Cluster nodes as separate OS processes on loopback, one of them killed with SIGKILL.</summary>
public sealed class ProcessKillTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_node_process_killed_with_sigkill_is_marked_unreachable_by_the_survivors()
    {
        int seedPort = FreePorts.One(), port1 = FreePorts.One(), port2 = FreePorts.One();
        using var seed = ClusterActorSystem.Create("cluster", ConfigurationFactory.ParseString(Hocon(seedPort)));
        using var survivor = NodeProcess.Start(port1, seedPort);
        using var victim = NodeProcess.Start(port2, seedPort);
        var victimAddress = new Address(Address.TcpProtocol, "cluster", "127.0.0.1", port2);
        var cluster = Dynamo.Actors.Cluster.Cluster.Get(seed);

        await Eventually(() => cluster.State.Members.Count(m => m.Status == MemberStatus.Up) == 3 && cluster.State.Convergence,
            "three members Up on the seed", survivor, victim);
        await Eventually(() => survivor.Printed($"MemberUp {victimAddress}"), "the other process sees the victim Up", survivor, victim);

        victim.Kill();

        await Eventually(() => cluster.State.Unreachable.Any(m => m.Address == victimAddress), "the seed marks the victim unreachable", survivor, victim);
        await Eventually(() => survivor.Printed($"UnreachableMember {victimAddress}"), "the surviving process marks the victim unreachable", survivor, victim);
        Assert.True(victim.HasExited);
        Assert.False(survivor.HasExited);
    }

    private static string Hocon(int port) => $$"""
        dynamo.actor.provider = cluster
        dynamo.actor.stdout-loglevel = ERROR
        dynamo.remote { hostname = "127.0.0.1", port = {{port}}, cookie = "process-tests", backoff-min = 50ms, backoff-max = 300ms, heartbeat-interval = 200ms, idle-timeout = 3s }
        dynamo.cluster {
          seed-nodes = ["dynamo.tcp://cluster@127.0.0.1:{{port}}"]
          seed-node-timeout = 1s
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          unreachable-nodes-reaper-interval = 200ms
          periodic-tasks-initial-delay = 100ms
          failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 1s, expected-response-after = 500ms }
        }
        """;

    private static async Task Eventually(Func<bool> condition, string what, params NodeProcess[] processes)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not reached within {Bound}: {what}. Process output:{Environment.NewLine}{string.Join(Environment.NewLine + "---" + Environment.NewLine, processes.Select(p => p.Output()))}");
            await Task.Delay(100);
        }
    }
}
