using Dynamo.Actors.Configuration;

namespace Dynamo.Actors.Remote.Tests.Actors;

/// <summary>Networked actor systems on loopback with short timings, terminated when disposed.</summary>
public sealed class RemoteSystems : IDisposable
{
    private readonly List<ActorSystem> _systems = new();

    /// <summary>
    /// Faults shared by every system started here. Each system wraps TCP in a fault-injecting transport because a
    /// transport can only fault the associations it opened, and either side may open the one association of a pair.
    /// </summary>
    public FaultInjection.NetworkFaults Faults { get; } = new(7);

    public static string Hocon(int port = 0) => $$"""
        dynamo.actor.provider = remote
        dynamo.actor.stdout-loglevel = ERROR
        dynamo.remote {
          hostname = "127.0.0.1"
          port = {{port}}
          cookie = "actor-tests"
          backoff-min = 50ms
          backoff-max = 300ms
          heartbeat-interval = 200ms
          idle-timeout = 5s
          watch-failure-detector.heartbeat-interval = 200ms
          watch-failure-detector.acceptable-heartbeat-pause = 1s
        }
        """;

    public ActorSystem Start(string name, int port = 0, RemoteSystemOptions? options = null)
    {
        options ??= new RemoteSystemOptions();
        if (options.Transport is null)
            options = options with { Transport = s => new FaultInjection.FaultInjectingTransport(new Transport.Tcp.TcpTransport(s), Faults) };
        var system = RemoteActorSystem.Create(name, ConfigurationFactory.ParseString(Hocon(port)), options);
        _systems.Add(system);
        return system;
    }

    public void Dispose()
    {
        Task.WaitAll(_systems.Select(s => s.Terminate()).ToArray(), TimeSpan.FromSeconds(10));
    }
}
