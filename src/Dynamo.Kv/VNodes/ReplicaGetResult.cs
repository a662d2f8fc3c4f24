using Dynamo.Core.Siblings;

namespace Dynamo.Kv.VNodes;

/// <summary>What a replica stores for a key; <see cref="SiblingSet.Empty"/> when it holds nothing.</summary>
/// <remarks>
/// A vnode answers with the bytes it read from its value cache or journal (<see cref="OfStored"/>): they are decoded
/// only when a coordinator on the same node reads <see cref="Object"/>, and go to a coordinator on another node as they
/// are, where decoding them once is all the work. Decoding them here to encode them again for the wire cost a third of
/// what a replica allocated per remote read.
/// </remarks>
public sealed record ReplicaGetResult : IReplicaReply
{
    private SiblingSet? _object;

    /// <summary>The result holding <paramref name="object"/>.</summary>
    /// <param name="node">The replica's node id.</param>
    /// <param name="partition">The replica's partition index.</param>
    /// <param name="object">The stored object, tombstones included.</param>
    public ReplicaGetResult(string node, int partition, SiblingSet @object)
    {
        ArgumentNullException.ThrowIfNull(@object);
        (Node, Partition, _object) = (node, partition, @object);
    }

    private ReplicaGetResult(string node, int partition, byte[] stored) => (Node, Partition, Stored) = (node, partition, stored);

    /// <summary>
    /// The result for what a vnode read from its own store: <paramref name="stored"/> as <see cref="SiblingSetSerializer"/>
    /// wrote it, never written again, or null when the replica holds nothing, answering request <paramref name="requestId"/>.
    /// </summary>
    public static ReplicaGetResult OfStored(string node, int partition, byte[]? stored, long requestId) =>
        stored is null ? new(node, partition, SiblingSet.Empty) { RequestId = requestId } : new(node, partition, stored) { RequestId = requestId };

    /// <summary>The replica's node id.</summary>
    public string Node { get; }

    /// <summary>The replica's partition index.</summary>
    public int Partition { get; }

    /// <inheritdoc />
    public long RequestId { get; init; }

    /// <summary>The stored object, tombstones included.</summary>
    public SiblingSet Object => _object ??= SiblingSetSerializer.DeserializeShared(Stored!);

    /// <summary>The object's encoding as the replica stored it, when the result was made from it; null otherwise.</summary>
    internal byte[]? Stored { get; }

    /// <inheritdoc />
    public bool Equals(ReplicaGetResult? other) =>
        other is not null && Node == other.Node && Partition == other.Partition && RequestId == other.RequestId && Object.Equals(other.Object);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Node, Partition, RequestId, Object);
}
