using Akka.Actor;
using BenchmarkDotNet.Attributes;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Batching;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Benchmarks.Remote;

/// <summary>
/// Replica reads across loopback <c>akka.tcp</c> through the store's own pieces: a <see cref="CoordinatorHost"/> in
/// one actor system runs <see cref="GetCoordinator"/>s (R = 1) whose one replica is in another system, where a stand-in
/// vnode answers each <see cref="ReplicaGet"/> with 1 KiB of stored bytes, as a vnode answers from its value cache.
/// <see cref="Unbatched"/> sends every request and answer as its own remote message; <see cref="Batched"/> goes
/// through a <see cref="ReplicaOutbox"/> and the other system's <see cref="ReplicaInbox"/>, as nodes do by default.
/// A fixed number of reads is kept in flight; the store's serializers are bound in both systems.
/// </summary>
[MemoryDiagnoser]
public class ReplicaBatchingBenchmark
{
    private const int Reads = 2000;
    private const int InFlight = 32;
    private readonly BatchSignal _signal = new();
    private ActorSystem _client = null!;
    private ActorSystem _replica = null!;
    private IActorRef _unbatched = null!;
    private IActorRef _batched = null!;

    /// <summary>Starts both systems, the stand-in vnode, the inbox and a driver per kind of host, and warms both up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _client = LoopbackActorSystems.Start("client", KvSerialization.Config);
        _replica = LoopbackActorSystems.Start("replica", KvSerialization.Config);
        var stored = SiblingSetSerializer.Serialize(SiblingSet.Empty.Update(
            CausalContext.Empty, new Sibling(new byte[1024], SiblingMetadata.Value(1, "application/octet-stream")), "b"));
        var vnode = _replica.ActorOf(Props.Create(() => new StandInVNode(stored)), "vnode");
        var inbox = _replica.ActorOf(ReplicaInbox.Props("b", new Directory(vnode, null)), KvPaths.ReplicaInboxName);

        var target = new ReplicaTarget("b", 0, LoopbackActorSystems.RemoteRef(_client, _replica, vnode));
        var directory = new Directory(null, LoopbackActorSystems.RemoteRef(_client, _replica, inbox));
        var signal = _signal;
        var unbatchedHost = _client.ActorOf(CoordinatorHost.Props(), "unbatched-host");
        var batchedHost = _client.ActorOf(CoordinatorHost.Props(() => new ReplicaOutbox("a", directory)), "batched-host");
        _unbatched = _client.ActorOf(Props.Create(() => new Driver(unbatchedHost, target, signal)), "unbatched");
        _batched = _client.ActorOf(Props.Create(() => new Driver(batchedHost, target, signal)), "batched");
        Unbatched();
        Batched();
    }

    /// <summary>Reads whose requests and answers each travel alone, <c>32</c> in flight, until all were answered.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Reads)]
    public void Unbatched() => Run(_unbatched);

    /// <summary>Reads whose requests and answers travel in batches, <c>32</c> in flight, until all were answered.</summary>
    [Benchmark(OperationsPerInvoke = Reads)]
    public void Batched() => Run(_batched);

    /// <summary>Stops both systems.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Terminate().Wait(TimeSpan.FromSeconds(10));
        _replica.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    private void Run(IActorRef driver)
    {
        var done = _signal.Expect(1);
        driver.Tell(Reads, ActorRefs.NoSender);
        if (!done.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException("reads lost");
    }

    // The other system's vnode for every partition, or this system's way to the other's inbox.
    private sealed class Directory(IActorRef? vnode, IActorRef? inbox) : INodeDirectory
    {
        public ICanTell? RouterOf(string node) => null;

        public ICanTell? VNodeOf(string node, int partition) => vnode;

        public ICanTell? HintedHandoffOf(string node) => null;

        public ICanTell? ReplicaInboxOf(string node) => node == "b" ? inbox : null;

        public bool IsReachable(string node) => true;
    }

    private sealed class StandInVNode(byte[] stored) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is ReplicaGet get) Sender.Tell(ReplicaGetResult.OfStored("b", 0, stored, get.RequestId), Self);
        }
    }

    /// <summary>Keeps a run's reads in flight on its host, a new coordinator for each, and signals when all are answered.</summary>
    private sealed class Driver(IActorRef host, ReplicaTarget target, BatchSignal signal) : UntypedActor
    {
        private static readonly byte[] Key = "key"u8.ToArray();
        private int _toStart;
        private int _outstanding;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case int reads:
                    _toStart = reads;
                    for (var i = 0; i < InFlight && _toStart > 0; i++) StartOne();
                    break;
                case GetResult:
                    _outstanding--;
                    if (_toStart > 0) StartOne();
                    else if (_outstanding == 0) signal.Arrived();
                    break;
                default:
                    throw new InvalidOperationException($"a read failed: {message}");
            }
        }

        private void StartOne()
        {
            _toStart--;
            _outstanding++;
            host.Tell(new GetCoordinator(new ReadPlan("bucket", Key, 1, false, [target], TimeSpan.FromSeconds(10)), new Requester(Self)), ActorRefs.NoSender);
        }
    }
}
