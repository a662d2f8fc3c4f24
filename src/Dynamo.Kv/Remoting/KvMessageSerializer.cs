using System.Runtime.Serialization;
using Akka.Actor;
using System.Collections.Immutable;
using Akka.Serialization;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Remoting.Wire;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// Serializes the messages key-value nodes exchange (router forwarding, coordinator ↔ vnode) as the
/// protobuf messages of <c>kv_internal.proto</c>. Causality keeps the byte forms storage uses:
/// <see cref="SiblingSetSerializer"/> for objects and <see cref="CausalContext.ToBytes"/> for contexts.
/// The manifest is a short fixed name per message type, so renaming a C# type never breaks the wire.
/// </summary>
public sealed class KvMessageSerializer : ManifestSerializer
{
    /// <summary>The wire id of this serializer (the first id above the runtime's reserved 0..99).</summary>
    public const int Id = 100;

    // The node id a lone sibling is filed under when it travels as a one-value sibling set.
    private const string CarrierNode = "v";

    private static readonly ImmutableArray<(Type Type, string Manifest)> Manifests =
    [
        (typeof(ForwardedRequest), "forwarded-request"),
        (typeof(CoordinatedPut), "coordinated-put"),
        (typeof(CoordinatedPutAck), "coordinated-put-ack"),
        (typeof(CoordinatedPutRefused), "coordinated-put-refused"),
        (typeof(ReplicaPut), "replica-put"),
        (typeof(ReplicaPutAck), "replica-put-ack"),
        (typeof(ReplicaGet), "replica-get"),
        (typeof(ReplicaGetResult), "replica-get-result"),
        (typeof(VNodeFailure), "vnode-failure"),
    ];

    /// <summary>The message types this serializer writes.</summary>
    public static IEnumerable<Type> MessageTypes => Manifests.Select(m => m.Type);

    /// <summary>Creates the serializer; Akka.NET does, from the bindings in HOCON.</summary>
    public KvMessageSerializer(ExtendedActorSystem system)
        : base(system, Manifests)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object message) => message switch
    {
        ForwardedRequest f => ToData(f).ToByteArray(),
        CoordinatedPut p => new CoordinatedPutData
        {
            Bucket = p.Bucket,
            Key = ByteString.CopyFrom(p.Key),
            Context = ByteString.CopyFrom(p.Context.ToBytes()),
            Value = UnsafeByteOperations.UnsafeWrap(SiblingSetSerializer.Serialize(AsSet(p.Value))),
            LastWriteWins = p.LastWriteWins,
            WarnAbove = p.Limits.WarnAbove,
            MaxSiblings = p.Limits.Max,
            RequestId = p.RequestId,
        }.ToByteArray(),
        CoordinatedPutAck a => new CoordinatedPutAckData { Node = a.Node, Partition = a.Partition, Object = ObjectBytes(a.Object), RequestId = a.RequestId }.ToByteArray(),
        CoordinatedPutRefused r => new CoordinatedPutRefusedData
        {
            Node = r.Node,
            Partition = r.Partition,
            Siblings = r.Siblings,
            Max = r.Max,
            RequestId = r.RequestId,
        }.ToByteArray(),
        ReplicaPut p => new ReplicaPutData { Bucket = p.Bucket, Key = ByteString.CopyFrom(p.Key), Object = ObjectBytes(p.Object), RequestId = p.RequestId }.ToByteArray(),
        ReplicaPutAck a => new ReplicaPutAckData { Node = a.Node, Partition = a.Partition, RequestId = a.RequestId }.ToByteArray(),
        ReplicaGet g => new ReplicaGetData { Bucket = g.Bucket, Key = ByteString.CopyFrom(g.Key), RequestId = g.RequestId }.ToByteArray(),
        ReplicaGetResult r => new ReplicaGetResultData
        {
            Node = r.Node,
            Partition = r.Partition,
            Object = r.Stored is { } stored ? UnsafeByteOperations.UnsafeWrap(stored) : ObjectBytes(r.Object),
            RequestId = r.RequestId,
        }.ToByteArray(),
        VNodeFailure f => new VNodeFailureData { Node = f.Node, Partition = f.Partition, Reason = f.Reason, RequestId = f.RequestId }.ToByteArray(),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{nameof(KvMessageSerializer)} cannot serialize {message.GetType()}.", nameof(message)),
    };

    /// <inheritdoc />
    public override object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                "forwarded-request" => FromData(ForwardedRequestData.Parser.ParseFrom(bytes.Span)),
                "coordinated-put" => FromData(CoordinatedPutData.Parser.ParseFrom(bytes.Span)),
                "coordinated-put-ack" => FromData(CoordinatedPutAckData.Parser.ParseFrom(bytes.Span)),
                "coordinated-put-refused" => FromData(CoordinatedPutRefusedData.Parser.ParseFrom(bytes.Span)),
                "replica-put" => FromData(ReplicaPutData.Parser.ParseFrom(bytes.Span)),
                "replica-put-ack" => FromData(ReplicaPutAckData.Parser.ParseFrom(bytes.Span)),
                "replica-get" => FromData(ReplicaGetData.Parser.ParseFrom(bytes.Span)),
                "replica-get-result" => FromData(ReplicaGetResultData.Parser.ParseFrom(bytes.Span)),
                "vnode-failure" => FromData(VNodeFailureData.Parser.ParseFrom(bytes.Span)),
                _ => throw new SerializationException($"Key-value manifest '{manifest}' is not a known message."),
            };
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidSiblingSetException or InvalidContextException)
        {
            throw new SerializationException($"Payload of key-value message '{manifest}' is unreadable: {e.Message}", e);
        }
    }

    private static ForwardedRequestData ToData(ForwardedRequest forwarded)
    {
        var data = forwarded.Request switch
        {
            Get get => new ForwardedRequestData { Get = get.ToByteString() },
            Put put => new ForwardedRequestData { Put = put.ToByteString() },
            Delete delete => new ForwardedRequestData { Delete = delete.ToByteString() },
            _ => throw new ArgumentException($"Only Get, Put and Delete are forwarded, not {forwarded.Request?.GetType().Name ?? "null"}.", nameof(forwarded)),
        };
        data.ClientRequestId = forwarded.ClientRequestId;
        return data;
    }

    private static ForwardedRequest FromData(ForwardedRequestData data) => new(data.RequestCase switch
    {
        ForwardedRequestData.RequestOneofCase.Get => Get.Parser.ParseFrom(data.Get),
        ForwardedRequestData.RequestOneofCase.Put => Put.Parser.ParseFrom(data.Put),
        ForwardedRequestData.RequestOneofCase.Delete => (object)Delete.Parser.ParseFrom(data.Delete),
        _ => throw new SerializationException("A forwarded request carries no Get, Put or Delete."),
    })
    {
        ClientRequestId = data.ClientRequestId,
    };

    private static CoordinatedPut FromData(CoordinatedPutData data)
    {
        var carrier = SiblingSetSerializer.Deserialize(data.Value.Span);
        if (carrier.Versions.Count != 1)
            throw new SerializationException($"A coordinated put must carry exactly one value, not {carrier.Versions.Count}.");
        return new CoordinatedPut(
            RequireBucket(data.Bucket, "coordinated put"),
            data.Key.ToByteArray(),
            CausalContext.Parse(data.Context.Span),
            carrier.Siblings[0],
            data.LastWriteWins,
            new SiblingLimits(data.WarnAbove, data.MaxSiblings))
        {
            RequestId = data.RequestId,
        };
    }

    private static CoordinatedPutAck FromData(CoordinatedPutAckData data) =>
        new(RequireNode(data.Node, "coordinated put ack"), RequirePartition(data.Partition), ObjectOf(data.Object)) { RequestId = data.RequestId };

    private static CoordinatedPutRefused FromData(CoordinatedPutRefusedData data) =>
        new(RequireNode(data.Node, "coordinated put refusal"), RequirePartition(data.Partition), data.Siblings, data.Max) { RequestId = data.RequestId };

    private static ReplicaPut FromData(ReplicaPutData data) =>
        new(RequireBucket(data.Bucket, "replica put"), data.Key.ToByteArray(), ObjectOf(data.Object)) { RequestId = data.RequestId };

    private static ReplicaPutAck FromData(ReplicaPutAckData data) =>
        new(RequireNode(data.Node, "replica put ack"), RequirePartition(data.Partition)) { RequestId = data.RequestId };

    private static ReplicaGet FromData(ReplicaGetData data) =>
        new(RequireBucket(data.Bucket, "replica get"), data.Key.ToByteArray()) { RequestId = data.RequestId };

    private static ReplicaGetResult FromData(ReplicaGetResultData data) =>
        new(RequireNode(data.Node, "replica get result"), RequirePartition(data.Partition), ObjectOf(data.Object)) { RequestId = data.RequestId };

    private static VNodeFailure FromData(VNodeFailureData data) =>
        new(RequireNode(data.Node, "vnode failure"), RequirePartition(data.Partition), data.Reason) { RequestId = data.RequestId };

    // A lone sibling reuses the sibling-set encoding: one entry, one event, one value.
    private static SiblingSet AsSet(Sibling sibling) =>
        SiblingSet.FromVersions(DottedVersionVectorSet<Sibling>.From([new DvvSetEntry<Sibling>(CarrierNode, 1, [sibling])]));

    // The serialized array is fresh and never written again, so the message can wrap it instead of copying a value's kilobyte.
    private static ByteString ObjectBytes(SiblingSet set) => UnsafeByteOperations.UnsafeWrap(SiblingSetSerializer.Serialize(set));

    // Even an empty set encodes to a format byte and a count, so no bytes means the field was lost. A parsed ByteString
    // is never written again, so the values can be slices of it.
    private static SiblingSet ObjectOf(ByteString bytes) =>
        bytes.IsEmpty ? throw new SerializationException("An object field is missing its sibling-set bytes.") : SiblingSetSerializer.DeserializeShared(bytes.Memory);

    private static string RequireBucket(string bucket, string what) =>
        bucket.Length > 0 ? bucket : throw new SerializationException($"A {what} names no bucket.");

    private static string RequireNode(string node, string what) =>
        node.Length > 0 ? node : throw new SerializationException($"A {what} names no node.");

    private static int RequirePartition(int partition) =>
        partition >= 0 ? partition : throw new SerializationException($"Partition {partition} is negative.");
}
