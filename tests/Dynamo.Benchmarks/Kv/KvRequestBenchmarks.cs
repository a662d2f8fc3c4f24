using Akka.Actor;
using BenchmarkDotNet.Attributes;
using Dynamo.Core.Partitioning;
using Dynamo.Kv;
using Dynamo.Kv.Routing;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Benchmarks.Kv;

/// <summary>
/// Client requests through the router of one of three in-process nodes on Akka's in-memory journal
/// (N=3, R=W=2, 1 KiB values): one caller at a time, and 64 concurrent callers. Measures the
/// actor path (routing, coordinators, vnodes, sibling sets), not the journal or network.
/// </summary>
[MemoryDiagnoser]
public class KvRequestBenchmarks
{
    private const int Keys = 1024;
    private const int ManyCallers = 64;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly List<ActorSystem> systems = [];
    private readonly ByteString value = ByteString.CopyFrom(new byte[1024]);
    private ICanTell router = null!;
    private int next;

    /// <summary>Starts three nodes, installs the ring and writes every key once.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        var settings = new KvSettings();
        var nodes = new[] { "a", "b", "c" };
        var ring = new Claimant(settings.RingPartitions).Claim(null, nodes);
        var directory = new LocalNodeDirectory();
        foreach (var node in nodes)
        {
            var system = ActorSystem.Create("bench-" + node, QuietLocal.Settings);
            systems.Add(system);
            directory.Register(node, system);
            system.ActorOf(KvRouter.Props(node, directory, settings), KvPaths.RouterName);
        }
        foreach (var node in nodes)
        {
            await directory.RouterOf(node)!.Ask<RingInstalled>(new RingChanged(ring), Timeout);
        }
        router = directory.RouterOf("a")!;
        for (var i = 0; i < Keys; i++)
        {
            await PutAsync(i);
        }
    }

    /// <summary>Stops the nodes.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var system in systems) await system.Terminate();
    }

    /// <summary>One put of a new key (blind puts to one key would pile up siblings), waiting for W=2 durable acknowledgements.</summary>
    [Benchmark]
    public Task Put() => PutAsync(Keys + next++);

    /// <summary>One get, waiting for R=2 replies.</summary>
    [Benchmark]
    public Task Get() => GetAsync(next++ % Keys);

    /// <summary>64 concurrent gets.</summary>
    [Benchmark(OperationsPerInvoke = ManyCallers)]
    public Task GetMany() => Task.WhenAll(Enumerable.Range(0, ManyCallers).Select(_ => GetAsync(next++ % Keys)));

    /// <summary>64 concurrent puts of new keys.</summary>
    [Benchmark(OperationsPerInvoke = ManyCallers)]
    public Task PutMany() => Task.WhenAll(Enumerable.Range(0, ManyCallers).Select(_ => PutAsync(Keys + next++)));

    private async Task PutAsync(int key)
    {
        var reply = await router.Ask(new Put { Bucket = "bench", Key = ByteString.CopyFromUtf8("k" + key), Value = value }, Timeout);
        if (reply is not PutResult) throw new InvalidOperationException($"put failed: {reply}");
    }

    private async Task GetAsync(int key)
    {
        var reply = await router.Ask(new Get { Bucket = "bench", Key = ByteString.CopyFromUtf8("k" + key) }, Timeout);
        if (reply is not GetResult) throw new InvalidOperationException($"get failed: {reply}");
    }
}
