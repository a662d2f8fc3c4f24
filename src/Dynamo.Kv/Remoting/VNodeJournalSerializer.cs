using System.Collections.Immutable;
using System.Runtime.Serialization;
using Akka.Actor;
using Dynamo.Kv.Remoting.Wire;
using Dynamo.Kv.VNodes;
using Google.Protobuf;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// Serializes what a vnode persists (<see cref="ObjectStored"/>, <see cref="ObjectReaped"/>,
/// <see cref="EpochLeased"/>, <see cref="HandoffFolded"/>, <see cref="HandoffCompleted"/>, <see cref="VNodeSnapshot"/>) as the protobuf messages of <c>vnode_journal.proto</c>,
/// so a journal outlives renames of the C# types.
/// </summary>
public sealed class VNodeJournalSerializer : ManifestSerializer
{
    /// <summary>The id of this serializer.</summary>
    public const int Id = 106;

    private static readonly ImmutableArray<(Type Type, string Manifest)> Manifests =
    [
        (typeof(ObjectStored), "object-stored"),
        (typeof(ObjectReaped), "object-reaped"),
        (typeof(EpochLeased), "epoch-leased"),
        (typeof(VNodeSnapshot), "vnode-snapshot"),
        (typeof(HandoffFolded), "handoff-folded"),
        (typeof(HandoffCompleted), "handoff-completed"),
    ];

    /// <summary>The types this serializer writes.</summary>
    public static IEnumerable<Type> MessageTypes => Manifests.Select(m => m.Type);

    /// <summary>Creates the serializer; Akka.NET does, from the bindings in HOCON.</summary>
    public VNodeJournalSerializer(ExtendedActorSystem system)
        : base(system, Manifests)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object message) => message switch
    {
        // The arrays are never written again once persisted, so the messages wrap them instead of copying.
        ObjectStored s => new ObjectStoredData
        {
            StorageKey = UnsafeByteOperations.UnsafeWrap(s.StorageKey),
            Object = UnsafeByteOperations.UnsafeWrap(s.Object),
        }.ToByteArray(),
        ObjectReaped r => new ObjectReapedData { StorageKey = UnsafeByteOperations.UnsafeWrap(r.StorageKey) }.ToByteArray(),
        EpochLeased e => new EpochLeasedData { First = e.Lease.First, LeasedUntil = e.Lease.LeasedUntil }.ToByteArray(),
        VNodeSnapshot s => ToData(s).ToByteArray(),
        HandoffFolded f => ToData(f).ToByteArray(),
        HandoffCompleted c => new HandoffCompletedData { SourceNode = c.SourceNode }.ToByteArray(),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{nameof(VNodeJournalSerializer)} cannot serialize {message.GetType()}.", nameof(message)),
    };

    /// <inheritdoc />
    public override object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                "object-stored" => FromData(ObjectStoredData.Parser.ParseFrom(bytes.Span)),
                "object-reaped" => new ObjectReaped(ObjectReapedData.Parser.ParseFrom(bytes.Span).StorageKey.ToByteArray()),
                "epoch-leased" => FromData(EpochLeasedData.Parser.ParseFrom(bytes.Span)),
                "vnode-snapshot" => FromData(VNodeSnapshotData.Parser.ParseFrom(bytes.Span)),
                "handoff-folded" => FromData(HandoffFoldedData.Parser.ParseFrom(bytes.Span)),
                "handoff-completed" => new HandoffCompleted(RequireSource(HandoffCompletedData.Parser.ParseFrom(bytes.Span).SourceNode)),
                _ => throw new SerializationException($"{nameof(VNodeJournalSerializer)} does not know the manifest '{manifest}'."),
            };
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
        {
            throw new SerializationException($"A journal record '{manifest}' is unreadable: {e.Message}", e);
        }
    }

    private static ObjectStored FromData(ObjectStoredData d) => new(d.StorageKey.ToByteArray(), d.Object.ToByteArray());

    private static EpochLeased FromData(EpochLeasedData d) =>
        new(Lease(d.First, d.LeasedUntil) ?? throw new FormatException("an epoch lease record leases no epochs"));

    private static VNodeEpoch? Lease(long first, long leasedUntil)
    {
        if (first == 0 && leasedUntil == 0) return null;
        if (first < 1 || leasedUntil < first) throw new FormatException($"an epoch lease {first}..{leasedUntil} is not a range of positive epochs");
        return new VNodeEpoch(first, leasedUntil);
    }

    private static VNodeSnapshotData ToData(VNodeSnapshot s)
    {
        var data = new VNodeSnapshotData { EpochFirst = s.Lease?.First ?? 0, EpochLeasedUntil = s.Lease?.LeasedUntil ?? 0 };
        foreach (var e in s.Entries)
        {
            data.Entries.Add(new IndexEntryData
            {
                StorageKey = UnsafeByteOperations.UnsafeWrap(e.StorageKey),
                SequenceNr = e.SequenceNr,
                Digest = UnsafeByteOperations.UnsafeWrap(e.Digest),
            });
        }
        foreach (var f in s.Handoffs) data.Handoffs.Add(ToData(f));
        return data;
    }

    private static VNodeSnapshot FromData(VNodeSnapshotData d) => new(
        [.. d.Entries.Select(e => new ReplicaIndexEntry(e.StorageKey.ToByteArray(), e.SequenceNr, e.Digest.ToByteArray()))],
        Lease(d.EpochFirst, d.EpochLeasedUntil))
    {
        Handoffs = [.. d.Handoffs.Select(FromData)],
    };

    private static HandoffFoldedData ToData(HandoffFolded f) => new()
    {
        SourceNode = f.SourceNode,
        Mark = f.Mark,
        FoldedTo = UnsafeByteOperations.UnsafeWrap(f.FoldedTo),
    };

    private static HandoffFolded FromData(HandoffFoldedData d)
    {
        if (d.FoldedTo.IsEmpty) throw new FormatException("a handoff progress record names no key");
        if (d.Mark < 0) throw new FormatException($"a handoff progress record has the negative mark {d.Mark}");
        return new HandoffFolded(RequireSource(d.SourceNode), d.Mark, d.FoldedTo.ToByteArray());
    }

    private static string RequireSource(string sourceNode) =>
        sourceNode.Length > 0 ? sourceNode : throw new FormatException("a handoff record names no source node");
}
