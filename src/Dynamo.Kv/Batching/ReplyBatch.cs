using System.Collections.Immutable;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Batching;

/// <summary>
/// Replicas' answers to the requests of one or more <see cref="ReplicaBatch"/>es, sent back together as one remote
/// message to the coordinator host that sent them. It has no sender: the host finds each answer's request by its id.
/// </summary>
/// <param name="Replies">The answers, each echoing its request's id.</param>
public sealed record ReplyBatch(ImmutableArray<IReplicaReply> Replies);
