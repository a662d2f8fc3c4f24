using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Dynamo.Actors;
using Dynamo.Actors.Remote;

namespace Dynamo.Benchmarks.Remote;

/// <summary>
/// Request/response round trip between two systems on loopback: one "ping" at a time, answered by the receiver
/// from its delivery callback. BenchmarkDotNet reports the mean; the cleanup prints the median and 99th percentile
/// of the individual round trips (first third discarded as warm-up).
/// </summary>
public class RemoteRoundTripBenchmark
{
    private const int RoundTrips = 2000;
    private readonly SemaphoreSlim _reply = new(0);
    private readonly RoundTripTimes _roundTrips = new();
    private Remoting _sender = null!;
    private Remoting _receiver = null!;
    private Address _target = null!;

    /// <summary>Starts both systems, the receiver echoing every message back to its sender.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sender = LoopbackRemoting.StartAsync("sender", _ => _reply.Release()).GetAwaiter().GetResult();
        _receiver = LoopbackRemoting.StartAsync("receiver", e => _receiver.Send(e.Origin, e.SenderPath!, e.RecipientPath, e.Message)).GetAwaiter().GetResult();
        _target = _receiver.LocalAddress;
        _sender.Send(_target, "/user/echo", "/user/asker", "ping");
        if (!_reply.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("no association");
    }

    /// <summary>Two thousand sequential round trips.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public void RequestResponse()
    {
        for (int i = 0; i < RoundTrips; i++)
        {
            long start = Stopwatch.GetTimestamp();
            _sender.Send(_target, "/user/echo", "/user/asker", "ping");
            if (!_reply.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("reply lost");
            _roundTrips.AddSince(start);
        }
    }

    /// <summary>Prints the round-trip percentiles and stops both systems.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _roundTrips.Print("Round trip");
        _sender.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _receiver.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
