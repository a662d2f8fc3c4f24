using Akka.Actor;
using Akka.Serialization;
using BenchmarkDotNet.Attributes;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Batching;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.VNodes;

namespace Dynamo.Benchmarks.Serialization;

/// <summary>
/// The cost of putting a replica write on the wire: a <see cref="ReplicaPut"/> of one 1 KiB sibling through
/// <see cref="KvMessageSerializer"/> as Akka's serialization finds it from the HOCON bindings, and through the
/// serializer directly (the difference is the binding lookup); and a replica's answer to a read, from the bytes it read
/// from its store, decoded and encoded again or sent as stored; and a batch of such answers as received.
/// </summary>
[MemoryDiagnoser]
public class KvSerializerBenchmarks
{
    private ActorSystem _system = null!;
    private Akka.Serialization.Serialization _serialization = null!;
    private KvMessageSerializer _serializer = null!;
    private ReplicaPut _put = null!;
    private byte[] _bytes = null!;
    private string _manifest = null!;
    private byte[] _stored = null!;
    private byte[] _answer = null!;
    private byte[] _replyBatch = null!;

    /// <summary>Starts a local system with the Kv serializer bindings and encodes the message once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", QuietLocal.Settings.WithFallback(KvSerialization.Config));
        _serialization = _system.Serialization;
        _serializer = new KvMessageSerializer((ExtendedActorSystem)_system);
        var value = new Sibling(new byte[1024], SiblingMetadata.Value(1_700_000_000_000, "application/json"));
        var stored = SiblingSet.Empty.Update(CausalContext.Empty, value, "127.0.0.1:4053");
        _put = new ReplicaPut("bench", "key-00000001"u8.ToArray(), stored);
        _bytes = _serializer.ToBinary(_put);
        _stored = SiblingSetSerializer.Serialize(stored);
        _manifest = _serializer.Manifest(_put);
        _answer = _serializer.ToBinary(ReplicaGetResult.OfStored("n", 1, _stored, requestId: 7));
        _replyBatch = _serialization.FindSerializerFor(new ReplyBatch([])).ToBinary(
            new ReplyBatch([.. Enumerable.Range(0, 8).Select(i => (IReplicaReply)ReplicaGetResult.OfStored("n", i, _stored, requestId: i))]));
        if (_serialization.FindSerializerFor(_put) is not KvMessageSerializer)
            throw new InvalidOperationException("ReplicaPut is not bound to the Kv serializer");
    }

    /// <summary>Stops the system.</summary>
    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    /// <summary>Encoding, the serializer found through Akka's bindings as a remote send does.</summary>
    [Benchmark]
    public byte[] SerializeThroughAkka() => _serialization.FindSerializerFor(_put).ToBinary(_put);

    /// <summary>Decoding by serializer id and manifest, as an inbound remote message is.</summary>
    [Benchmark]
    public object DeserializeThroughAkka() => _serialization.Deserialize(_bytes, KvMessageSerializer.Id, _manifest);

    /// <summary>Encoding with the serializer in hand.</summary>
    [Benchmark]
    public byte[] Serialize() => _serializer.ToBinary(_put);

    /// <summary>Decoding with the serializer in hand.</summary>
    [Benchmark]
    public object Deserialize() => _serializer.FromBinary(_bytes, _manifest);

    /// <summary>A read's answer for the wire, its stored bytes decoded into an object that is then encoded again.</summary>
    [Benchmark]
    public byte[] ReadAnswerDecodedAndEncoded() => _serializer.ToBinary(new ReplicaGetResult("n", 1, SiblingSetSerializer.Deserialize(_stored)));

    /// <summary>A read's answer for the wire, its stored bytes sent as they are.</summary>
    [Benchmark]
    public byte[] ReadAnswerAsStored() => _serializer.ToBinary(ReplicaGetResult.OfStored("n", 1, _stored, requestId: 7));

    /// <summary>A read's answer as a coordinator receives it from another node: decoded, its object read.</summary>
    [Benchmark]
    public SiblingSet ReadAnswerReceived() => ((ReplicaGetResult)_serializer.FromBinary(_answer, "replica-get-result")).Object;

    /// <summary>A batch of eight such answers as a coordinator host receives it, decoded through Akka's bindings.</summary>
    [Benchmark]
    public object ReplyBatchReceived() => _serialization.Deserialize(_replyBatch, ReplicaBatchSerializer.Id, "reply-batch");
}
