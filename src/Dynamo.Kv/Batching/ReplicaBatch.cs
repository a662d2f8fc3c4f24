using System.Collections.Immutable;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Batching;

/// <summary>
/// Replica requests (<see cref="IReplicaRequest"/>) from one coordinator host to the replicas of several partitions
/// on one node, sent as one remote message to that node's <see cref="ReplicaInbox"/>. Its sender is the host, which
/// the answers go back to (as a <see cref="ReplyBatch"/>).
/// </summary>
/// <param name="Requests">Each request with the partition whose replica it is for.</param>
public sealed record ReplicaBatch(ImmutableArray<ReplicaBatch.Entry> Requests)
{
    /// <summary>One request of a batch.</summary>
    /// <param name="Partition">The partition whose replica, on the receiving node, the request is for.</param>
    /// <param name="Request">The request, an <see cref="IReplicaRequest"/>.</param>
    public readonly record struct Entry(int Partition, object Request);
}
