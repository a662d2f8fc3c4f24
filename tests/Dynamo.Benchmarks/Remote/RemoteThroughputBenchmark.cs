using BenchmarkDotNet.Attributes;
using Dynamo.Actors;
using Dynamo.Actors.Remote;

namespace Dynamo.Benchmarks.Remote;

/// <summary>
/// One-way envelope throughput between two systems on loopback: small byte[] messages sent back to back,
/// timed until the receiver has deserialized the last one. Messages per second = 1e9 / reported ns.
/// </summary>
[MemoryDiagnoser]
public class RemoteThroughputBenchmark
{
    private const int Messages = 100_000;
    private readonly ManualResetEventSlim _done = new();
    private readonly byte[] _payload = new byte[16];
    private Remoting _sender = null!;
    private Remoting _receiver = null!;
    private Address _target = null!;
    private int _received;
    private int _expected;

    /// <summary>Starts both systems and associates them so the benchmark measures steady state only.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sender = LoopbackRemoting.StartAsync("sender", _ => { }).GetAwaiter().GetResult();
        _receiver = LoopbackRemoting.StartAsync("receiver", _ =>
        {
            if (Interlocked.Increment(ref _received) == Volatile.Read(ref _expected)) _done.Set();
        }).GetAwaiter().GetResult();
        _target = _receiver.LocalAddress;
        Run(1);
    }

    /// <summary>Sends <c>100,000</c> envelopes and waits until all have been delivered.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public void OneWayEnvelopes() => Run(Messages);

    /// <summary>Stops both systems.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _receiver.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private void Run(int messages)
    {
        _done.Reset();
        Volatile.Write(ref _received, 0);
        Volatile.Write(ref _expected, messages);
        for (int i = 0; i < messages; i++)
            if (!_sender.Send(_target, "/user/sink", null, _payload)) throw new InvalidOperationException("send buffer full");
        if (!_done.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException($"only {_received} of {messages} envelopes arrived");
    }
}
