using System.Runtime.Serialization;
using Akka.Actor;
using System.Collections.Immutable;
using Akka.Serialization;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Remoting.Wire;
using Dynamo.Kv.VNodes;
using Google.Protobuf;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// Serializes the object buffer's messages (<see cref="BufferedReplicaPut"/>, <see cref="GetObjectBufferStats"/>,
/// <see cref="ObjectBufferStats"/>) as the protobuf messages of <c>object_buffer.proto</c>.
/// </summary>
public sealed class ObjectBufferSerializer : ManifestSerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 104;

    private static readonly ImmutableArray<(Type Type, string Manifest)> Manifests =
    [
        (typeof(BufferedReplicaPut), "buffered-replica-put"),
        (typeof(GetObjectBufferStats), "get-object-buffer-stats"),
        (typeof(ObjectBufferStats), "object-buffer-stats"),
    ];

    /// <summary>The message types this serializer writes.</summary>
    public static IEnumerable<Type> MessageTypes => Manifests.Select(m => m.Type);

    /// <summary>Creates the serializer; Akka.NET does, from the bindings in HOCON.</summary>
    public ObjectBufferSerializer(ExtendedActorSystem system)
        : base(system, Manifests)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object message) => message switch
    {
        BufferedReplicaPut p => new BufferedReplicaPutData
        {
            Bucket = p.Bucket,
            Key = ByteString.CopyFrom(p.Key),
            // The serialized array is fresh and never written again, so the message can wrap it instead of copying it.
            Object = UnsafeByteOperations.UnsafeWrap(SiblingSetSerializer.Serialize(p.Object)),
            RequestId = p.RequestId,
        }.ToByteArray(),
        GetObjectBufferStats => new GetObjectBufferStatsData().ToByteArray(),
        ObjectBufferStats s => new ObjectBufferStatsData
        {
            BufferedAcks = s.BufferedAcks,
            DurableAcks = s.DurableAcks,
            FailedAfterAck = s.FailedAfterAck,
            BufferReads = s.BufferReads,
        }.ToByteArray(),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{nameof(ObjectBufferSerializer)} cannot serialize {message.GetType()}.", nameof(message)),
    };

    /// <inheritdoc />
    public override object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                "buffered-replica-put" => FromData(BufferedReplicaPutData.Parser.ParseFrom(bytes.Span)),
                "get-object-buffer-stats" => GetObjectBufferStats.Instance,
                "object-buffer-stats" => FromData(ObjectBufferStatsData.Parser.ParseFrom(bytes.Span)),
                _ => throw new SerializationException($"Object buffer manifest '{manifest}' is not a known message."),
            };
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidSiblingSetException)
        {
            throw new SerializationException($"Payload of object buffer message '{manifest}' is unreadable: {e.Message}", e);
        }
    }

    private static BufferedReplicaPut FromData(BufferedReplicaPutData data)
    {
        if (data.Bucket.Length == 0) throw new SerializationException("A buffered replica put names no bucket.");
        // Even an empty set encodes to a format byte and a count, so no bytes means the field was lost.
        if (data.Object.IsEmpty) throw new SerializationException("A buffered replica put is missing its sibling-set bytes.");
        return new BufferedReplicaPut(data.Bucket, data.Key.ToByteArray(), SiblingSetSerializer.Deserialize(data.Object.Span)) { RequestId = data.RequestId };
    }

    private static ObjectBufferStats FromData(ObjectBufferStatsData data)
    {
        if (data.BufferedAcks < 0 || data.DurableAcks < 0 || data.FailedAfterAck < 0 || data.BufferReads < 0)
            throw new SerializationException("Object buffer counts cannot be negative.");
        return new ObjectBufferStats(data.BufferedAcks, data.DurableAcks, data.FailedAfterAck, data.BufferReads);
    }
}
