using System.Runtime.Serialization;
using Akka.Actor;
using Dynamo.Kv.Remoting;
using System.Collections.Immutable;
using Akka.Serialization;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Handoff.Wire;
using Google.Protobuf;

namespace Dynamo.Kv.Handoff;

/// <summary>
/// Serializes the messages of ownership handoff and node draining as the protobuf messages of
/// <c>handoff.proto</c>; objects keep the byte form storage uses (<see cref="SiblingSetSerializer"/>).
/// The manifest is a short fixed name per message type.
/// </summary>
public sealed class HandoffMessageSerializer : ManifestSerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 102;

    private static readonly ImmutableArray<(Type Type, string Manifest)> Manifests =
    [
        (typeof(HandoffBegin), "handoff-begin"),
        (typeof(HandoffAccepted), "handoff-accepted"),
        (typeof(HandoffRefused), "handoff-refused"),
        (typeof(HandoffBatch), "handoff-batch"),
        (typeof(HandoffFinish), "handoff-finish"),
        (typeof(HandoffPeek), "handoff-peek"),
        (typeof(DrainNode), "drain-node"),
        (typeof(DrainAccepted), "drain-accepted"),
        (typeof(NodeDraining), "node-draining"),
        (typeof(DrainAcknowledged), "drain-acknowledged"),
        (typeof(GetTransfers), "get-transfers"),
        (typeof(Transfers), "transfers"),
    ];

    /// <summary>The message types this serializer writes.</summary>
    public static IEnumerable<Type> MessageTypes => Manifests.Select(m => m.Type);

    /// <summary>Creates the serializer; Akka.NET does, from the bindings in HOCON.</summary>
    public HandoffMessageSerializer(ExtendedActorSystem system)
        : base(system, Manifests)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object message) => message switch
    {
        HandoffBegin b => new HandoffBeginData { TransferId = b.TransferId, Partition = b.Partition, SourceNode = b.SourceNode, SourceIncarnation = b.SourceIncarnation }.ToByteArray(),
        HandoffAccepted a => new HandoffAcceptedData { TransferId = a.TransferId, Partition = a.Partition, Sequence = a.Sequence, Node = a.Node, Incarnation = a.Incarnation, Finished = a.Finished, Resume = ToData(a.Resume) }.ToByteArray(),
        HandoffRefused r => new HandoffRefusedData { TransferId = r.TransferId, Partition = r.Partition, Node = r.Node, Reason = r.Reason }.ToByteArray(),
        HandoffBatch b => ToData(b).ToByteArray(),
        HandoffFinish f => new HandoffFinishData { TransferId = f.TransferId, Partition = f.Partition, ObjectsSent = f.ObjectsSent }.ToByteArray(),
        HandoffPeek p => new HandoffPeekData { Partition = p.Partition, StorageKey = ByteString.CopyFrom(p.StorageKey) }.ToByteArray(),
        DrainNode => [],
        DrainAccepted a => new DrainAcceptedData { Node = a.Node }.ToByteArray(),
        NodeDraining d => new NodeDrainingData { Node = d.Node, Incarnation = d.Incarnation }.ToByteArray(),
        DrainAcknowledged a => new DrainAcknowledgedData { Node = a.Node, Draining = a.Draining }.ToByteArray(),
        GetTransfers => [],
        Transfers t => ToData(t).ToByteArray(),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{nameof(HandoffMessageSerializer)} cannot serialize {message.GetType()}.", nameof(message)),
    };

    /// <inheritdoc />
    public override object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                "handoff-begin" => FromData(HandoffBeginData.Parser.ParseFrom(bytes.Span)),
                "handoff-accepted" => FromData(HandoffAcceptedData.Parser.ParseFrom(bytes.Span)),
                "handoff-refused" => FromData(HandoffRefusedData.Parser.ParseFrom(bytes.Span)),
                "handoff-batch" => FromData(HandoffBatchData.Parser.ParseFrom(bytes.Span)),
                "handoff-finish" => FromData(HandoffFinishData.Parser.ParseFrom(bytes.Span)),
                "handoff-peek" => FromData(HandoffPeekData.Parser.ParseFrom(bytes.Span)),
                "drain-node" => DrainNode.Instance,
                "drain-accepted" => new DrainAccepted(Require(DrainAcceptedData.Parser.ParseFrom(bytes.Span).Node, "drain acceptance", "node")),
                "node-draining" => FromData(NodeDrainingData.Parser.ParseFrom(bytes.Span)),
                "drain-acknowledged" => FromData(DrainAcknowledgedData.Parser.ParseFrom(bytes.Span)),
                "get-transfers" => GetTransfers.Instance,
                "transfers" => FromData(TransfersData.Parser.ParseFrom(bytes.Span)),
                _ => throw new SerializationException($"Handoff manifest '{manifest}' is not a known message."),
            };
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidSiblingSetException)
        {
            throw new SerializationException($"Payload of handoff message '{manifest}' is unreadable: {e.Message}", e);
        }
    }

    private static HandoffBatchData ToData(HandoffBatch batch)
    {
        var data = new HandoffBatchData { TransferId = batch.TransferId, Partition = batch.Partition, Sequence = batch.Sequence, Fold = ToData(batch.Fold) };
        foreach (var o in batch.Objects)
            data.Objects.Add(new HandoffObjectData { StorageKey = ByteString.CopyFrom(o.StorageKey), Object = ByteString.CopyFrom(SiblingSetSerializer.Serialize(o.Object)) });
        return data;
    }

    private static TransfersData ToData(Transfers transfers)
    {
        var data = new TransfersData { Node = transfers.Node };
        foreach (var t in transfers.Items)
            data.Items.Add(new TransferStatusData
            {
                Partition = t.Partition, From = t.From, To = t.To, ObjectsSent = t.ObjectsSent,
                State = t.State.ToString(), Attempts = t.Attempts, LastError = t.LastError ?? "", ObjectsSkipped = t.ObjectsSkipped,
            });
        return data;
    }

    private static HandoffFoldData? ToData(HandoffFold? fold) =>
        fold is null ? null : new HandoffFoldData { Mark = fold.Mark, FoldedTo = ByteString.CopyFrom(fold.FoldedTo) };

    private static HandoffFold? FromData(HandoffFoldData? d, string what) => d is null ? null : new(
        d.Mark >= 0 ? d.Mark : throw new SerializationException($"The fold progress of a {what} has the negative mark {d.Mark}."),
        d.FoldedTo.IsEmpty ? throw new SerializationException($"The fold progress of a {what} names no key.") : d.FoldedTo.ToByteArray());

    private static HandoffBegin FromData(HandoffBeginData d) =>
        new(Require(d.TransferId, "handoff begin", "transfer id"), RequirePartition(d.Partition), Require(d.SourceNode, "handoff begin", "source node"), d.SourceIncarnation);

    private static HandoffAccepted FromData(HandoffAcceptedData d) =>
        new(Require(d.TransferId, "handoff acceptance", "transfer id"), RequirePartition(d.Partition), d.Sequence, Require(d.Node, "handoff acceptance", "node"), d.Incarnation, d.Finished,
            FromData(d.Resume, "handoff acceptance"));

    private static HandoffRefused FromData(HandoffRefusedData d) =>
        new(d.TransferId, RequirePartition(d.Partition), Require(d.Node, "handoff refusal", "node"), d.Reason);

    private static HandoffBatch FromData(HandoffBatchData d) =>
        new(Require(d.TransferId, "handoff batch", "transfer id"), RequirePartition(d.Partition), d.Sequence,
            [.. d.Objects.Select(o => new HandoffObject(
                o.StorageKey.IsEmpty ? throw new SerializationException("A handed-off object has no storage key.") : o.StorageKey.ToByteArray(),
                o.Object.IsEmpty ? throw new SerializationException("A handed-off object is missing its sibling-set bytes.") : SiblingSetSerializer.Deserialize(o.Object.Span)))],
            FromData(d.Fold, "handoff batch"));

    private static HandoffFinish FromData(HandoffFinishData d) =>
        new(Require(d.TransferId, "handoff finish", "transfer id"), RequirePartition(d.Partition), d.ObjectsSent);

    private static HandoffPeek FromData(HandoffPeekData d) =>
        new(RequirePartition(d.Partition), d.StorageKey.IsEmpty ? throw new SerializationException("A handoff read names no key.") : d.StorageKey.ToByteArray());

    private static NodeDraining FromData(NodeDrainingData d) => new(Require(d.Node, "drain announcement", "node"), d.Incarnation);

    private static DrainAcknowledged FromData(DrainAcknowledgedData d) =>
        new(Require(d.Node, "drain acknowledgement", "node"), Require(d.Draining, "drain acknowledgement", "draining node"));

    private static Transfers FromData(TransfersData d) =>
        new(Require(d.Node, "transfers list", "node"), [.. d.Items.Select(t => new TransferStatus(
            RequirePartition(t.Partition), t.From, t.To, t.ObjectsSent,
            Enum.TryParse<TransferState>(t.State, out var state) ? state : throw new SerializationException($"'{t.State}' is not a transfer state."),
            t.Attempts, t.LastError.Length == 0 ? null : t.LastError, t.ObjectsSkipped))]);

    private static string Require(string value, string what, string field) =>
        value.Length > 0 ? value : throw new SerializationException($"A {what} has no {field}.");

    private static int RequirePartition(int partition) =>
        partition >= 0 ? partition : throw new SerializationException($"Partition {partition} is negative.");
}
