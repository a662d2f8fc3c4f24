using System.Runtime.Serialization;
using Akka.Actor;
using System.Collections.Immutable;
using Akka.Serialization;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Hints;
using Dynamo.Kv.Remoting.Wire;
using Google.Protobuf;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// Serializes the sloppy-quorum and hinted-handoff messages (<see cref="HintedPut"/>,
/// <see cref="HintedGet"/>, <see cref="GetHintStats"/>, <see cref="HintStats"/>) as the protobuf
/// messages of <c>hints.proto</c>, objects as <see cref="SiblingSetSerializer"/> bytes.
/// </summary>
public sealed class HintMessageSerializer : ManifestSerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 101;

    private static readonly ImmutableArray<(Type Type, string Manifest)> Manifests =
    [
        (typeof(HintedPut), "hinted-put"),
        (typeof(HintedGet), "hinted-get"),
        (typeof(GetHintStats), "get-hint-stats"),
        (typeof(HintStats), "hint-stats"),
    ];

    /// <summary>The message types this serializer writes.</summary>
    public static IEnumerable<Type> MessageTypes => Manifests.Select(m => m.Type);

    /// <summary>Creates the serializer; Akka.NET does, from the bindings in HOCON.</summary>
    public HintMessageSerializer(ExtendedActorSystem system)
        : base(system, Manifests)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object message) => message switch
    {
        HintedPut p => new HintedPutData
        {
            Owner = p.Owner,
            Partition = p.Partition,
            Bucket = p.Bucket,
            Key = ByteString.CopyFrom(p.Key),
            Object = ByteString.CopyFrom(SiblingSetSerializer.Serialize(p.Object)),
            RequestId = p.RequestId,
        }.ToByteArray(),
        HintedGet g => new HintedGetData
        {
            Owner = g.Owner,
            Partition = g.Partition,
            Bucket = g.Bucket,
            Key = ByteString.CopyFrom(g.Key),
            RequestId = g.RequestId,
        }.ToByteArray(),
        GetHintStats => new GetHintStatsData().ToByteArray(),
        HintStats s => ToData(s).ToByteArray(),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{nameof(HintMessageSerializer)} cannot serialize {message.GetType()}.", nameof(message)),
    };

    /// <inheritdoc />
    public override object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                "hinted-put" => FromData(HintedPutData.Parser.ParseFrom(bytes.Span)),
                "hinted-get" => FromData(HintedGetData.Parser.ParseFrom(bytes.Span)),
                "get-hint-stats" => GetHintStats.Instance,
                "hint-stats" => FromData(HintStatsData.Parser.ParseFrom(bytes.Span)),
                _ => throw new SerializationException($"Hint manifest '{manifest}' is not a known message."),
            };
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidSiblingSetException)
        {
            throw new SerializationException($"Payload of hint message '{manifest}' is unreadable: {e.Message}", e);
        }
    }

    private static HintedPut FromData(HintedPutData data) =>
        data.Object.IsEmpty
            ? throw new SerializationException("A hinted put is missing its object bytes.")
            : new(Require(data.Owner, "a hinted put's owner"), RequirePartition(data.Partition), Require(data.Bucket, "a hinted put's bucket"),
                data.Key.ToByteArray(), SiblingSetSerializer.Deserialize(data.Object.Span)) { RequestId = data.RequestId };

    private static HintedGet FromData(HintedGetData data) =>
        new(Require(data.Owner, "a hinted get's owner"), RequirePartition(data.Partition), Require(data.Bucket, "a hinted get's bucket"), data.Key.ToByteArray())
        {
            RequestId = data.RequestId,
        };

    private static HintStatsData ToData(HintStats stats)
    {
        var data = new HintStatsData { Node = stats.Node, Stored = stats.Stored, Delivered = stats.Delivered, FailedBatches = stats.FailedBatches };
        data.Pending.Add(stats.Pending);
        return data;
    }

    private static HintStats FromData(HintStatsData data) =>
        new(Require(data.Node, "handoff stats' node"), data.Stored, data.Delivered, data.FailedBatches,
            data.Pending.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    private static string Require(string value, string what) =>
        value.Length > 0 ? value : throw new SerializationException($"{what} is missing.");

    private static int RequirePartition(int partition) =>
        partition >= 0 ? partition : throw new SerializationException($"Partition {partition} is negative.");
}
