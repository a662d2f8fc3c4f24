using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using Akka.Actor;
using Dynamo.Kv.Batching;
using Dynamo.Kv.Remoting.Wire;
using Dynamo.Kv.VNodes;
using Google.Protobuf;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// Serializes <see cref="ReplicaBatch"/> and <see cref="ReplyBatch"/> as <c>kv_internal.proto</c>'s batch messages:
/// each message inside keeps its own serializer's bytes, id and manifest, as Akka.Remote's payload carries a message.
/// Batches are read by <see cref="BatchedMessageReader"/>, which leaves each message's bytes in place.
/// </summary>
public sealed class ReplicaBatchSerializer : ManifestSerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 110;

    private static readonly ImmutableArray<(Type Type, string Manifest)> Manifests =
    [
        (typeof(ReplicaBatch), "replica-batch"),
        (typeof(ReplyBatch), "reply-batch"),
    ];

    // The serializers of the replica messages by id, so those that can read bytes in place do (Akka's own lookup by id
    // is not public, and its Deserialize takes a fresh array); found once, from the bindings.
    private readonly Lazy<Dictionary<int, ManifestSerializer>> _inner;

    /// <summary>Creates the serializer; Akka.NET does, from the bindings in HOCON.</summary>
    public ReplicaBatchSerializer(ExtendedActorSystem system)
        : base(system, Manifests)
    {
        _inner = new Lazy<Dictionary<int, ManifestSerializer>>(() => typeof(IReplicaRequest).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && (typeof(IReplicaRequest).IsAssignableFrom(t) || typeof(IReplicaReply).IsAssignableFrom(t)))
            .Select(t => system.Serialization.FindSerializerForType(t))
            .OfType<ManifestSerializer>()
            .DistinctBy(s => s.Identifier)
            .ToDictionary(s => s.Identifier));
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object message)
    {
        switch (message)
        {
            case ReplicaBatch batch:
                var requests = new ReplicaBatchData();
                foreach (var (partition, request) in batch.Requests) requests.Requests.Add(Nested(request, partition));
                return requests.ToByteArray();
            case ReplyBatch batch:
                var replies = new ReplyBatchData();
                foreach (var reply in batch.Replies) replies.Replies.Add(Nested(reply, 0));
                return replies.ToByteArray();
            case null:
                throw new ArgumentNullException(nameof(message));
            default:
                throw new ArgumentException($"{nameof(ReplicaBatchSerializer)} cannot serialize {message.GetType()}.", nameof(message));
        }
    }

    /// <inheritdoc />
    public override object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        switch (manifest)
        {
            case "replica-batch":
                var requests = BatchedMessageReader.Read(bytes);
                var entries = new ReplicaBatch.Entry[requests.Count];
                for (var i = 0; i < entries.Length; i++)
                {
                    if (requests[i].Partition < 0) throw new SerializationException($"A batched request names partition {requests[i].Partition}.");
                    entries[i] = new(requests[i].Partition, Inner<IReplicaRequest>(requests[i], "request"));
                }
                return new ReplicaBatch(ImmutableCollectionsMarshal.AsImmutableArray(entries));
            case "reply-batch":
                var replies = BatchedMessageReader.Read(bytes);
                var answers = new IReplicaReply[replies.Count];
                for (var i = 0; i < answers.Length; i++) answers[i] = Inner<IReplicaReply>(replies[i], "answer");
                return new ReplyBatch(ImmutableCollectionsMarshal.AsImmutableArray(answers));
            default:
                throw new SerializationException($"Replica batch manifest '{manifest}' is not a known message.");
        }
    }

    private BatchedMessageData Nested(object message, int partition)
    {
        var serializer = system.Serialization.FindSerializerFor(message);
        return new BatchedMessageData
        {
            Partition = partition,
            SerializerId = serializer.Identifier,
            Manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message),
            // Fresh bytes nobody writes again, wrapped rather than copied.
            Message = UnsafeByteOperations.UnsafeWrap(serializer.ToBinary(message)),
        };
    }

    private T Inner<T>(BatchedMessageReader.Entry entry, string what)
    {
        // The entry's bytes are a slice of the batch's, which nobody writes again: the key-value serializers read it in place.
        var message = _inner.Value.TryGetValue(entry.SerializerId, out var ours)
            ? ours.FromBinary(entry.Message, entry.Manifest)
            : system.Serialization.Deserialize(entry.Message.ToArray(), entry.SerializerId, entry.Manifest);
        return message is T typed
            ? typed
            : throw new SerializationException($"A replica batch carries a {message.GetType().Name} where a replica {what} belongs.");
    }
}
