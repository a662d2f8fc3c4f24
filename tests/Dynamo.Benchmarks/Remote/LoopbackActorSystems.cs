using Dynamo.Actors;
using Dynamo.Actors.Configuration;
using Dynamo.Actors.Remote;

namespace Dynamo.Benchmarks.Remote;

/// <summary>Networked actor systems on loopback with settings fit for benchmarking (two systems in this one process).</summary>
internal static class LoopbackActorSystems
{
    public static ActorSystem Start(string name) => RemoteActorSystem.Create(name, ConfigurationFactory.ParseString("""
        dynamo.actor.provider = remote
        dynamo.actor.stdout-loglevel = ERROR
        dynamo.actor.log-dead-letters = 0
        dynamo.remote { hostname = "127.0.0.1", port = 0, cookie = "bench", send-buffer-limit = 1048576 }
        """));
}
