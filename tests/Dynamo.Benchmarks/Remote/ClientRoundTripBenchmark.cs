using Akka.Actor;
using Akka.Configuration;
using BenchmarkDotNet.Attributes;
using Dynamo.Client;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Benchmarks.Remote;

/// <summary>
/// Reads through the .NET actor client across loopback <c>akka.tcp</c>: a <see cref="DynamoActorClient"/> in one actor
/// system asks a stand-in router in another, which answers every read with a 1 KiB value, alone or in a batch as the
/// request came. <see cref="InFlight"/> reads are kept going by as many callers, each sending its next read when the
/// last is answered, as the closed-loop clients of <c>dynamo bench</c> do; the cost per read includes both systems'
/// remoting, the client's and the protocol's serialization.
/// </summary>
[MemoryDiagnoser]
public class ClientRoundTripBenchmark
{
    private const int Reads = 4000;
    private ActorSystem _client = null!;
    private ActorSystem _store = null!;
    private DynamoActorClient _dynamo = null!;

    /// <summary>Reads in flight at once.</summary>
    [Params(1, 32)]
    public int InFlight { get; set; }

    /// <summary>Starts both systems, the stand-in router and the client, and warms them up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // A member's system that joins no cluster: the client sends straight to the router it is given.
        _client = LoopbackActorSystems.Start("client", ConfigurationFactory.ParseString("akka.actor.provider = cluster"));
        _store = LoopbackActorSystems.Start("store");
        var router = _store.ActorOf(Props.Create(() => new StandInRouter()), "kv");
        _dynamo = DynamoActorClient.ForMember(_client, LoopbackActorSystems.RemoteRef(_client, _store, router));
        Read().GetAwaiter().GetResult();
    }

    /// <summary>Reads <c>4000</c> keys, <see cref="InFlight"/> at a time.</summary>
    [Benchmark(OperationsPerInvoke = Reads)]
    public Task Read() => Task.WhenAll(Enumerable.Range(0, InFlight).Select(async caller =>
    {
        for (var i = caller; i < Reads; i += InFlight)
            await _dynamo.GetAsync("bucket", "key").ConfigureAwait(false);
    }));

    /// <summary>Stops the client and both systems.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _dynamo.Dispose();
        _client.Terminate().Wait(TimeSpan.FromSeconds(10));
        _store.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    private sealed class StandInRouter : UntypedActor
    {
        private static readonly GetResult Found = new()
        {
            Status = ObjectStatus.Found,
            Siblings = { new SiblingValue { Value = ByteString.CopyFrom(new byte[1024]), ContentType = "application/octet-stream", LastModified = 1 } },
            Context = ByteString.CopyFrom(new byte[24]),
        };

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Get:
                    Sender.Tell(Found, Self);
                    break;
                case RequestBatch batch:
                    var results = new ResultBatch();
                    foreach (var request in batch.Requests) results.Results.Add(new BatchedResult { Id = request.Id, Get = Found });
                    Sender.Tell(results, Self);
                    break;
            }
        }
    }
}
