using Akka.Actor;
using Akka.Configuration;

namespace Dynamo.Benchmarks.Remote;

/// <summary>
/// Akka.Remote actor systems on loopback (<c>akka.tcp</c> on 127.0.0.1, a port the transport picks) with
/// settings fit for benchmarking: only errors are logged, so logging costs nothing while measuring.
/// </summary>
internal static class LoopbackActorSystems
{
    private static readonly Config Settings = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.loglevel = ERROR
        akka.stdout-loglevel = ERROR
        akka.log-dead-letters = off
        akka.coordinated-shutdown.exit-clr = off
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        """);

    /// <summary>Starts a system named <paramref name="name"/>, listening on loopback, with <paramref name="extra"/> settings over these when given.</summary>
    public static ActorSystem Start(string name, Config? extra = null) =>
        ActorSystem.Create(name, extra is null ? Settings : extra.WithFallback(Settings));

    /// <summary>The address <paramref name="system"/> listens on, with the port its transport bound.</summary>
    public static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;

    /// <summary>
    /// A reference, usable from <paramref name="from"/>, to <paramref name="actor"/> of <paramref name="owner"/>:
    /// messages through it cross the network even though both systems run in this process.
    /// </summary>
    public static IActorRef RemoteRef(ActorSystem from, ActorSystem owner, IActorRef actor) =>
        RemoteRef(from, actor.Path.ToStringWithAddress(AddressOf(owner)));

    /// <summary>A reference, usable from <paramref name="from"/>, to the actor at the full path <paramref name="path"/>.</summary>
    public static IActorRef RemoteRef(ActorSystem from, string path) => ((ExtendedActorSystem)from).Provider.ResolveActorRef(path);
}
