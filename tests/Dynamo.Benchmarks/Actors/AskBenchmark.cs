using System.Diagnostics;
using Akka.Actor;
using BenchmarkDotNet.Attributes;

namespace Dynamo.Benchmarks.Actors;

/// <summary>
/// Ask round trip in process: one request at a time to an echo actor, awaited by the caller. BenchmarkDotNet
/// reports the mean; the cleanup prints the median and 99th percentile of the individual round trips
/// (first third discarded as warm-up).
/// </summary>
[MemoryDiagnoser]
public class AskBenchmark
{
    private const int RoundTrips = 10_000;
    private readonly RoundTripTimes _roundTrips = new();
    private ActorSystem _system = null!;
    private IActorRef _echo = null!;

    /// <summary>Starts the system and the echo actor.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", QuietLocal.Settings);
        _echo = _system.ActorOf(Props.Create(() => new Echo()));
    }

    /// <summary>Ten thousand sequential asks.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public async Task Ask()
    {
        for (int i = 0; i < RoundTrips; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await _echo.Ask<string>("ping", TimeSpan.FromSeconds(5));
            _roundTrips.AddSince(start);
        }
    }

    /// <summary>Prints the round-trip percentiles and stops the system.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _roundTrips.Print("Ask round trip", "0.00");
        _system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(text => Sender.Tell(text, Self));
    }
}
