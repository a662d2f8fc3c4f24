using System.Collections.Immutable;
using System.Runtime.Serialization;
using Akka.Actor;
using Dynamo.Kv.Hints;
using Dynamo.Kv.Remoting.Wire;
using Google.Protobuf;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// Serializes what the hinted handoff persists (<see cref="HintAdded"/>, <see cref="HintsDelivered"/>,
/// <see cref="HintSnapshot"/>) as the protobuf messages of <c>hint_journal.proto</c>, so a journal outlives renames
/// of the C# types.
/// </summary>
public sealed class HintJournalSerializer : ManifestSerializer
{
    /// <summary>The id of this serializer.</summary>
    public const int Id = 108;

    private static readonly ImmutableArray<(Type Type, string Manifest)> Manifests =
    [
        (typeof(HintAdded), "hint-added"),
        (typeof(HintsDelivered), "hints-delivered"),
        (typeof(HintSnapshot), "hint-snapshot"),
    ];

    /// <summary>The types this serializer writes.</summary>
    public static IEnumerable<Type> MessageTypes => Manifests.Select(m => m.Type);

    /// <summary>Creates the serializer; Akka.NET does, from the bindings in HOCON.</summary>
    public HintJournalSerializer(ExtendedActorSystem system)
        : base(system, Manifests)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object message) => message switch
    {
        HintAdded h => ToData(h).ToByteArray(),
        HintsDelivered d => new HintsDeliveredData { Ids = { d.Ids } }.ToByteArray(),
        HintSnapshot s => ToData(s).ToByteArray(),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{nameof(HintJournalSerializer)} cannot serialize {message.GetType()}.", nameof(message)),
    };

    /// <inheritdoc />
    public override object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                "hint-added" => FromData(HintAddedData.Parser.ParseFrom(bytes.Span)),
                "hints-delivered" => new HintsDelivered([.. HintsDeliveredData.Parser.ParseFrom(bytes.Span).Ids]),
                "hint-snapshot" => FromData(HintSnapshotData.Parser.ParseFrom(bytes.Span)),
                _ => throw new SerializationException($"{nameof(HintJournalSerializer)} does not know the manifest '{manifest}'."),
            };
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
        {
            throw new SerializationException($"A journal record '{manifest}' is unreadable: {e.Message}", e);
        }
    }

    // The arrays are never written again once persisted, so the messages wrap them instead of copying.
    private static HintAddedData ToData(HintAdded h) => new()
    {
        Id = h.Id,
        Owner = h.Owner,
        Partition = h.Partition,
        Key = UnsafeByteOperations.UnsafeWrap(h.Key),
        Object = UnsafeByteOperations.UnsafeWrap(h.Object),
    };

    private static HintSnapshotData ToData(HintSnapshot s)
    {
        var data = new HintSnapshotData { NextId = s.NextId };
        data.Hints.AddRange(s.Hints.Select(ToData));
        return data;
    }

    private static HintAdded FromData(HintAddedData d)
    {
        if (d.Id < 1) throw new FormatException($"a hint has the id {d.Id}, not a positive one");
        if (d.Owner.Length == 0) throw new FormatException($"hint {d.Id} names no owner");
        if (d.Partition < 0) throw new FormatException($"hint {d.Id} has the partition {d.Partition}");
        return new HintAdded(d.Id, d.Owner, d.Partition, d.Key.ToByteArray(), d.Object.ToByteArray());
    }

    private static HintSnapshot FromData(HintSnapshotData d)
    {
        var hints = d.Hints.Select(FromData).ToList();
        if (hints.Count > 0 && d.NextId <= hints[^1].Id)
            throw new FormatException($"a hint snapshot's next id {d.NextId} is not above its last hint {hints[^1].Id}");
        return new HintSnapshot(d.NextId, hints);
    }
}
