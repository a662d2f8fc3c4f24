using System.Runtime.Serialization;
using Akka.Actor;
using System.Collections.Immutable;
using Akka.Serialization;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Remoting.Wire;
using Dynamo.Kv.VNodes;
using Google.Protobuf;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// Serializes the messages of tombstone reaping (<see cref="ReapTombstone"/>,
/// <see cref="TombstoneReaped"/>) and of read repair statistics (<see cref="GetReadRepairStats"/>,
/// <see cref="ReadRepairStats"/>) as the protobuf messages of <c>kv_reaping.proto</c>.
/// </summary>
public sealed class KvReapingSerializer : ManifestSerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 103;

    private static readonly ImmutableArray<(Type Type, string Manifest)> Manifests =
    [
        (typeof(ReapTombstone), "reap-tombstone"),
        (typeof(TombstoneReaped), "tombstone-reaped"),
        (typeof(GetReadRepairStats), "get-read-repair-stats"),
        (typeof(ReadRepairStats), "read-repair-stats"),
    ];

    /// <summary>The message types this serializer writes.</summary>
    public static IEnumerable<Type> MessageTypes => Manifests.Select(m => m.Type);

    /// <summary>Creates the serializer; Akka.NET does, from the bindings in HOCON.</summary>
    public KvReapingSerializer(ExtendedActorSystem system)
        : base(system, Manifests)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object message) => message switch
    {
        ReapTombstone r => new ReapTombstoneData
        {
            Bucket = r.Bucket,
            Key = ByteString.CopyFrom(r.Key),
            Tombstone = ByteString.CopyFrom(SiblingSetSerializer.Serialize(r.Tombstone)),
        }.ToByteArray(),
        TombstoneReaped t => new TombstoneReapedData { Node = t.Node, Partition = t.Partition, Reaped = t.Reaped }.ToByteArray(),
        GetReadRepairStats => new GetReadRepairStatsData().ToByteArray(),
        ReadRepairStats s => new ReadRepairStatsData { Stale = s.Stale, Missing = s.Missing }.ToByteArray(),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{nameof(KvReapingSerializer)} cannot serialize {message.GetType()}.", nameof(message)),
    };

    /// <inheritdoc />
    public override object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                "reap-tombstone" => FromData(ReapTombstoneData.Parser.ParseFrom(bytes.Span)),
                "tombstone-reaped" => FromData(TombstoneReapedData.Parser.ParseFrom(bytes.Span)),
                "get-read-repair-stats" => GetReadRepairStats.Instance,
                "read-repair-stats" => FromData(ReadRepairStatsData.Parser.ParseFrom(bytes.Span)),
                _ => throw new SerializationException($"Reaping manifest '{manifest}' is not a known message."),
            };
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidSiblingSetException)
        {
            throw new SerializationException($"Payload of reaping message '{manifest}' is unreadable: {e.Message}", e);
        }
    }

    private static ReapTombstone FromData(ReapTombstoneData data)
    {
        if (data.Bucket.Length == 0) throw new SerializationException("A tombstone reap names no bucket.");
        var tombstone = SiblingSetSerializer.Deserialize(data.Tombstone.Span);
        // Anything else would let a garbled message remove a live value.
        if (!tombstone.IsDeleted) throw new SerializationException("A tombstone reap carries an object that is not a tombstone.");
        return new ReapTombstone(data.Bucket, data.Key.ToByteArray(), tombstone);
    }

    private static TombstoneReaped FromData(TombstoneReapedData data)
    {
        if (data.Node.Length == 0) throw new SerializationException("A tombstone reap answer names no node.");
        if (data.Partition < 0) throw new SerializationException($"Partition {data.Partition} is negative.");
        return new TombstoneReaped(data.Node, data.Partition, data.Reaped);
    }

    private static ReadRepairStats FromData(ReadRepairStatsData data)
    {
        if (data.Stale < 0 || data.Missing < 0) throw new SerializationException("Read repair counts cannot be negative.");
        return new ReadRepairStats(data.Stale, data.Missing);
    }
}
