using Akka.Actor;
using BenchmarkDotNet.Attributes;

namespace Dynamo.Benchmarks.Remote;

/// <summary>
/// One-way actor messages over Akka.Remote: Tell of a small string to an actor in another actor system over
/// loopback <c>akka.tcp</c> (both systems in this process), timed until the last one is received. Throughput is
/// <c>Messages / mean</c>.
/// </summary>
public class RemoteActorThroughputBenchmark
{
    private const int Messages = 100_000;
    private readonly BatchSignal _signal = new();
    private ActorSystem _sender = null!;
    private ActorSystem _receiver = null!;
    private IActorRef _target = null!;

    /// <summary>Starts both systems and associates them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sender = LoopbackActorSystems.Start("sender");
        _receiver = LoopbackActorSystems.Start("receiver");
        var signal = _signal;
        var counter = _receiver.ActorOf(Props.Create(() => new CountingActor(signal)), "counter");
        _target = LoopbackActorSystems.RemoteRef(_sender, _receiver, counter);
        var warm = _signal.Expect(1);
        _target.Tell("warm-up", ActorRefs.NoSender);
        if (!warm.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("no association");
    }

    /// <summary>A hundred thousand Tells, waiting until all arrived.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public void TellRemote()
    {
        var done = _signal.Expect(Messages);
        for (int i = 0; i < Messages; i++) _target.Tell("m", ActorRefs.NoSender);
        if (!done.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException("messages lost");
    }

    /// <summary>Stops both systems.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Terminate().Wait(TimeSpan.FromSeconds(10));
        _receiver.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
