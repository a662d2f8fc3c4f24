using Akka.Actor;
using Dynamo.Protocol;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// Who asked for a client request, and under which id: a request that came alone is answered with its result itself,
/// one that came in a <see cref="RequestBatch"/> with a <see cref="ResultBatch"/> entry carrying the id the client gave it.
/// </summary>
/// <param name="Actor">The client actor the answer goes to.</param>
/// <param name="RequestId">The request's id in its batch; 0 for a request that came alone.</param>
public readonly record struct Requester(IActorRef Actor, long RequestId = 0)
{
    /// <summary>Whether the request came in a batch and its result goes back in one.</summary>
    public bool Batched => RequestId != 0;

    /// <summary>Answers with <paramref name="result"/> in a message of its own: the result, or a batch of one.</summary>
    public void Tell(object result, IActorRef? sender) =>
        Actor.Tell(Batched ? new ResultBatch { Results = { Entry(result) } } : result, sender);

    /// <summary><paramref name="result"/> as the entry of a <see cref="ResultBatch"/> for this request.</summary>
    public BatchedResult Entry(object result) => BatchedResult.Of((ulong)RequestId, result);
}
