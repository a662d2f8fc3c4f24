using Akka.Actor;
using BenchmarkDotNet.Attributes;

namespace Dynamo.Benchmarks.Remote;

/// <summary>
/// Ask round trip over Akka.Remote to an actor in another actor system over loopback <c>akka.tcp</c> (both systems
/// in this process): one Ask at a time, the echo actor replying to the temporary reply reference. The cleanup prints
/// the median and 99th percentile of the individual round trips (first third discarded as warm-up).
/// </summary>
public class RemoteAskBenchmark
{
    private const int RoundTrips = 2000;
    private readonly RoundTripTimes _roundTrips = new();
    private ActorSystem _sender = null!;
    private ActorSystem _receiver = null!;
    private IActorRef _echo = null!;

    /// <summary>Starts both systems and associates them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sender = LoopbackActorSystems.Start("sender");
        _receiver = LoopbackActorSystems.Start("receiver");
        var echo = _receiver.ActorOf(Props.Create(() => new EchoActor()), "echo");
        _echo = LoopbackActorSystems.RemoteRef(_sender, _receiver, echo);
        _echo.Ask<string>("warm-up", TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    /// <summary>Two thousand sequential Asks.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public void AskRemote() => _roundTrips.AskInTurn(_echo, RoundTrips);

    /// <summary>Prints the round-trip percentiles and stops both systems.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _roundTrips.Print("Ask round trip");
        _sender.Terminate().Wait(TimeSpan.FromSeconds(10));
        _receiver.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => Receive<string>(s => Sender.Tell(s, Self));
    }
}
