using System.Globalization;
using Akka.Actor;
using BenchmarkDotNet.Attributes;

namespace Dynamo.Benchmarks.Remote;

/// <summary>
/// Akka.Remote actor messaging between two processes over loopback <c>akka.tcp</c>: this one and a
/// Dynamo.Benchmarks.RemoteNode child.
/// <see cref="TellToOtherProcess"/> measures one-way throughput (<c>Messages / mean</c>): a hundred thousand Tells to the
/// child's sink, then an Ask of its count, which in-order delivery answers only after all of them were processed.
/// <see cref="AskOtherProcess"/> measures round trips to the child's echo; the cleanup prints their median and 99th
/// percentile (first third discarded as warm-up). The child is always stopped in the cleanup.
/// </summary>
public class TwoProcessRemoteBenchmark
{
    private const int Messages = 100_000;
    private const int RoundTrips = 2000;
    private readonly RoundTripTimes _roundTrips = new();
    private RemoteNodeProcess _node = null!;
    private ActorSystem _system = null!;
    private IActorRef _sink = null!;
    private IActorRef _echo = null!;
    private long _sent;

    /// <summary>Starts the child and this side's system, and associates them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _node = RemoteNodeProcess.Start();
        try
        {
            _system = LoopbackActorSystems.Start("bench");
            _sink = LoopbackActorSystems.RemoteRef(_system, _node.Address + "/user/sink");
            _echo = LoopbackActorSystems.RemoteRef(_system, _node.Address + "/user/echo");
            _echo.Ask<string>("warm-up", TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        }
        catch
        {
            _node.Dispose();
            throw;
        }
    }

    /// <summary>A hundred thousand Tells to the other process, waiting until it counted them all.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public void TellToOtherProcess()
    {
        for (int i = 0; i < Messages; i++) _sink.Tell("m", ActorRefs.NoSender);
        _sent += Messages;
        var counted = long.Parse(_sink.Ask<string>("count", TimeSpan.FromSeconds(30)).GetAwaiter().GetResult(), CultureInfo.InvariantCulture);
        if (counted != _sent) throw new InvalidOperationException($"The sink counted {counted} of {_sent} messages: some were dropped.");
    }

    /// <summary>Two thousand sequential Asks to the other process.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public void AskOtherProcess() => _roundTrips.AskInTurn(_echo, RoundTrips);

    /// <summary>Prints the round-trip percentiles, stops this side's system and the child.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _roundTrips.Print("Two-process Ask round trip");
        try
        {
            _system?.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _node?.Dispose();
        }
    }
}
