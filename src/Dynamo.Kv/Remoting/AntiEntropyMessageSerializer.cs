using System.Runtime.Serialization;
using Akka.Actor;
using System.Collections.Immutable;
using Akka.Serialization;
using Dynamo.Core.Siblings;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.Remoting.Wire;
using Google.Protobuf;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// Serializes the active anti-entropy messages (<see cref="GetTreeHashes"/>, <see cref="TreeHashes"/>,
/// <see cref="GetSegmentObjects"/>, <see cref="SegmentObjects"/>, <see cref="GetAntiEntropyStats"/>,
/// <see cref="AntiEntropyStats"/>) as the protobuf messages of <c>anti_entropy.proto</c>, objects as
/// <see cref="SiblingSetSerializer"/> bytes.
/// </summary>
public sealed class AntiEntropyMessageSerializer : ManifestSerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 105;

    private static readonly ImmutableArray<(Type Type, string Manifest)> Manifests =
    [
        (typeof(GetTreeHashes), "get-tree-hashes"),
        (typeof(TreeHashes), "tree-hashes"),
        (typeof(GetSegmentObjects), "get-segment-objects"),
        (typeof(SegmentObjects), "segment-objects"),
        (typeof(GetAntiEntropyStats), "get-anti-entropy-stats"),
        (typeof(AntiEntropyStats), "anti-entropy-stats"),
    ];

    /// <summary>The message types this serializer writes.</summary>
    public static IEnumerable<Type> MessageTypes => Manifests.Select(m => m.Type);

    /// <summary>Creates the serializer; Akka.NET does, from the bindings in HOCON.</summary>
    public AntiEntropyMessageSerializer(ExtendedActorSystem system)
        : base(system, Manifests)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object message) => message switch
    {
        GetTreeHashes g => ToData(g).ToByteArray(),
        TreeHashes h => ToData(h).ToByteArray(),
        GetSegmentObjects g => ToData(g).ToByteArray(),
        SegmentObjects s => ToData(s).ToByteArray(),
        GetAntiEntropyStats => new GetAntiEntropyStatsData().ToByteArray(),
        AntiEntropyStats s => ToData(s).ToByteArray(),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{nameof(AntiEntropyMessageSerializer)} cannot serialize {message.GetType()}.", nameof(message)),
    };

    /// <inheritdoc />
    public override object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                "get-tree-hashes" => FromData(GetTreeHashesData.Parser.ParseFrom(bytes.Span)),
                "tree-hashes" => FromData(TreeHashesData.Parser.ParseFrom(bytes.Span)),
                "get-segment-objects" => FromData(GetSegmentObjectsData.Parser.ParseFrom(bytes.Span)),
                "segment-objects" => FromData(SegmentObjectsData.Parser.ParseFrom(bytes.Span)),
                "get-anti-entropy-stats" => GetAntiEntropyStats.Instance,
                "anti-entropy-stats" => FromData(AntiEntropyStatsData.Parser.ParseFrom(bytes.Span)),
                _ => throw new SerializationException($"Anti-entropy manifest '{manifest}' is not a known message."),
            };
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidSiblingSetException)
        {
            throw new SerializationException($"Payload of anti-entropy message '{manifest}' is unreadable: {e.Message}", e);
        }
    }

    private static TreeSpecData ToData(TreeSpec spec) =>
        new() { PartitionCount = spec.PartitionCount, Segments = spec.Segments, FanOut = spec.FanOut };

    private static TreeSpec FromData(TreeSpecData? data)
    {
        if (data is null) throw new SerializationException("An anti-entropy request is missing its tree spec.");
        var spec = new TreeSpec(data.PartitionCount, data.Segments, data.FanOut);
        return spec.Problem() is { } problem ? throw new SerializationException($"An anti-entropy tree spec is unusable: {problem}.") : spec;
    }

    private static GetTreeHashesData ToData(GetTreeHashes g)
    {
        var data = new GetTreeHashesData { Spec = ToData(g.Spec), Range = g.Range, Level = g.Level };
        data.Indices.Add(g.Indices);
        return data;
    }

    private static GetTreeHashes FromData(GetTreeHashesData data) =>
        new(FromData(data.Spec), RequireNonNegative(data.Range, "range"), RequireNonNegative(data.Level, "tree level"), [.. data.Indices]);

    private static TreeHashesData ToData(TreeHashes h)
    {
        var data = new TreeHashesData { Node = h.Node, Partition = h.Partition, Range = h.Range, Level = h.Level };
        data.Hashes.Add(h.Hashes);
        return data;
    }

    private static TreeHashes FromData(TreeHashesData data) =>
        new(Require(data.Node, "tree hashes' node"), RequireNonNegative(data.Partition, "partition"), RequireNonNegative(data.Range, "range"),
            RequireNonNegative(data.Level, "tree level"), [.. data.Hashes]);

    private static GetSegmentObjectsData ToData(GetSegmentObjects g)
    {
        var data = new GetSegmentObjectsData { Spec = ToData(g.Spec), Range = g.Range };
        data.Segments.Add(g.Segments);
        return data;
    }

    private static GetSegmentObjects FromData(GetSegmentObjectsData data) =>
        new(FromData(data.Spec), RequireNonNegative(data.Range, "range"), [.. data.Segments]);

    private static SegmentObjectsData ToData(SegmentObjects s)
    {
        var data = new SegmentObjectsData { Node = s.Node, Partition = s.Partition, Range = s.Range };
        data.Objects.Add(s.Objects.Select(o => new SegmentObjectData
        {
            Bucket = o.Bucket,
            Key = ByteString.CopyFrom(o.Key),
            Object = ByteString.CopyFrom(SiblingSetSerializer.Serialize(o.Object)),
        }));
        return data;
    }

    private static SegmentObjects FromData(SegmentObjectsData data) =>
        new(Require(data.Node, "segment objects' node"), RequireNonNegative(data.Partition, "partition"), RequireNonNegative(data.Range, "range"),
            [.. data.Objects.Select(o => new SegmentObject(
                Require(o.Bucket, "a segment object's bucket"),
                o.Key.ToByteArray(),
                o.Object.IsEmpty ? throw new SerializationException("A segment object is missing its object bytes.") : SiblingSetSerializer.Deserialize(o.Object.Span)))]);

    private static AntiEntropyStatsData ToData(AntiEntropyStats s)
    {
        var data = new AntiEntropyStatsData
        {
            Node = s.Node,
            ExchangesCompleted = s.ExchangesCompleted,
            ExchangesFailed = s.ExchangesFailed,
            KeysRepaired = s.KeysRepaired,
            HashesExchanged = s.HashesExchanged,
        };
        foreach (var (partition, at) in s.LastExchange) data.LastExchangeUnixMs[partition] = at.ToUnixTimeMilliseconds();
        return data;
    }

    private static AntiEntropyStats FromData(AntiEntropyStatsData data) =>
        new(Require(data.Node, "anti-entropy stats' node"), data.ExchangesCompleted, data.ExchangesFailed, data.KeysRepaired, data.HashesExchanged,
            data.LastExchangeUnixMs.ToImmutableSortedDictionary(p => p.Key, p => DateTimeOffset.FromUnixTimeMilliseconds(p.Value)));

    private static string Require(string value, string what) =>
        value.Length > 0 ? value : throw new SerializationException($"{what} is missing.");

    private static int RequireNonNegative(int value, string what) =>
        value >= 0 ? value : throw new SerializationException($"The {what} {value} is negative.");
}
