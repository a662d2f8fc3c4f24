using Dynamo.Actors.Configuration;
using Dynamo.Actors.Remote;
using Dynamo.Actors.Remote.FaultInjection;
using Dynamo.Actors.Remote.Transport.Tcp;

namespace Dynamo.Actors.Cluster.Tests.Nodes;

/// <summary>
/// Cluster nodes in this process on loopback TCP with short timings. Every node's transport injects faults from
/// one shared plan (a transport can only fault the associations it opened). Disposing terminates every node.
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    private readonly List<ActorSystem> _systems = new();

    public NetworkFaults Faults { get; } = new(11);

    public static Address AddressAt(int port) => new(Address.TcpProtocol, "cluster", "127.0.0.1", port);

    public static string Hocon(int port, IEnumerable<int> seedPorts, string cookie = "cluster-tests") => $$"""
        dynamo.actor.provider = cluster
        dynamo.actor.stdout-loglevel = ERROR
        dynamo.remote {
          hostname = "127.0.0.1"
          port = {{port}}
          cookie = "{{cookie}}"
        }
        dynamo.cluster {
          seed-nodes = [{{string.Join(", ", seedPorts.Select(p => $"\"{AddressAt(p)}\""))}}]
        }
        {{ShortTimings.Hocon}}
        """;

    public ActorSystem Start(int port, IEnumerable<int> seedPorts, string cookie = "cluster-tests", string extraHocon = "")
    {
        var config = ConfigurationFactory.ParseString(extraHocon).WithFallback(ConfigurationFactory.ParseString(Hocon(port, seedPorts, cookie)));
        var system = ClusterActorSystem.Create("cluster", config, new RemoteSystemOptions
        {
            Transport = s => new FaultInjectingTransport(new TcpTransport(s), Faults),
        });
        _systems.Add(system);
        return system;
    }

    /// <summary>Kills a node without warning: every link to it goes silent, then it stops; the links are healed for a restart.</summary>
    public async Task KillAsync(ActorSystem victim)
    {
        foreach (var other in _systems.Where(s => s != victim)) Faults.Blackhole(victim.Address, other.Address);
        await victim.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        _systems.Remove(victim);
        // Give the dying transport time to drop its sockets before the links carry traffic again.
        await Task.Delay(300);
        foreach (var other in _systems) Faults.Heal(victim.Address, other.Address);
    }

    public static async Task Eventually(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached within {timeout}: {what}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_systems.Select(s => s.Terminate())).WaitAsync(TimeSpan.FromSeconds(15));
    }
}
