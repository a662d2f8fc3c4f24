using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Dynamo.Protocol;

namespace Dynamo.Client;

/// <summary>
/// An actor system's outbox for the reads and writes of its <see cref="DynamoActorClient"/>s: requests for one node
/// that queue up together leave as one <see cref="RequestBatch"/>, and their results come back in
/// <see cref="ResultBatch"/>es, each matched to its request by the id the batcher gave it.
/// </summary>
/// <remarks>
/// <para>
/// Each remote message costs Akka.Remote an envelope, a frame, copies of its bytes on the way in and a dispatch on
/// both sides, however small the message; a batch pays that once. A request waits only until the batcher's actor has
/// handled what is already in its mailbox (a flush it sends itself goes in behind), so batches grow with the load and
/// an idle client sends each request at once, alone.
/// </para>
/// <para>
/// One per actor system, an Akka extension, so that every client of the system batches together. Its actor is the
/// sender of every batch: ClusterClient's receptionist opens one response tunnel for it, rather than one per request
/// as for <c>Ask</c>'s temporary actors. A request that timed out or was cancelled is forgotten, and its result, if
/// it comes, is dropped; ids are never reused.
/// </para>
/// </remarks>
internal sealed class RequestBatcher : IExtension
{
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<object>> _pending = new();
    private readonly IActorRef _actor;
    private long _lastId;

    private RequestBatcher(ExtendedActorSystem system) =>
        _actor = system.SystemActorOf(Props.Create(() => new Outbox(_pending)), "dynamo-request-batcher");

    /// <summary>The batcher of <paramref name="system"/>, started with its first client.</summary>
    public static RequestBatcher For(ActorSystem system) => system.WithExtension<RequestBatcher, Provider>();

    /// <summary>
    /// Sends <paramref name="request"/> (a <see cref="Protocol.Get"/>, <see cref="Protocol.Put"/> or <see cref="Protocol.Delete"/>) to the router
    /// <paramref name="target"/>, or through the ClusterClient <paramref name="target"/> when
    /// <paramref name="throughClusterClient"/>, and waits for its result.
    /// </summary>
    /// <exception cref="TimeoutException">No result came within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled first.</exception>
    public async Task<object> RequestAsync(IActorRef target, bool throughClusterClient, Google.Protobuf.IMessage request, TimeSpan timeout, CancellationToken ct)
    {
        var entry = BatchedRequest.Of((ulong)Interlocked.Increment(ref _lastId), request);
        // Completed off the batcher's actor, by a Release (below), so a caller's code never holds up the dispatcher.
        var result = new TaskCompletionSource<object>();
        _pending[entry.Id] = result;
        _actor.Tell(new Outgoing(target, throughClusterClient, entry), ActorRefs.NoSender);
        try
        {
            return await result.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(entry.Id, out _);
        }
    }

    private sealed class Provider : ExtensionIdProvider<RequestBatcher>
    {
        public override RequestBatcher CreateExtension(ExtendedActorSystem system) => new(system);
    }

    /// <summary>A request for the outbox to send; never leaves the client's system.</summary>
    private sealed record Outgoing(IActorRef Target, bool ThroughClusterClient, BatchedRequest Request) : INoSerializationVerificationNeeded;

    /// <summary>What the outbox sends itself to send what it held back.</summary>
    private sealed record Flush : INoSerializationVerificationNeeded
    {
        public static Flush Instance { get; } = new();
    }

    /// <summary>
    /// Completes the requests a batch of results answered, one after another on one thread-pool thread, their callers'
    /// continuations running inline. A caller that sends its next request from its continuation hands it to the
    /// batcher while the others still run, and the batcher, scheduled behind this work, takes them all in one go: the
    /// results of one batch make the requests of the next.
    /// </summary>
    private sealed class Release(int capacity) : List<(TaskCompletionSource<object> Request, object Result)>(capacity), IThreadPoolWorkItem
    {
        public void Add(TaskCompletionSource<object> request, object result) => Add((request, result));

        public void Execute()
        {
            foreach (var (request, result) in this) request.TrySetResult(result);
        }
    }

    private sealed class Outbox(ConcurrentDictionary<ulong, TaskCompletionSource<object>> pending) : UntypedActor
    {
        private readonly Dictionary<IActorRef, (bool ThroughClusterClient, RequestBatch Batch)> _held = [];
        private bool _flushing;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case ResultBatch results:
                    var release = new Release(results.Results.Count);
                    foreach (var result in results.Results)
                        if (pending.TryRemove(result.Id, out var waiting)) release.Add(waiting, result.Result);
                    if (release.Count > 0) ThreadPool.UnsafeQueueUserWorkItem(release, preferLocal: false);
                    break;
                case Outgoing outgoing:
                    if (!_held.TryGetValue(outgoing.Target, out var held))
                    {
                        held = (outgoing.ThroughClusterClient, new RequestBatch());
                        _held[outgoing.Target] = held;
                    }
                    held.Batch.Requests.Add(outgoing.Request);
                    if (_flushing) break;
                    _flushing = true;
                    Self.Tell(Flush.Instance, Self);
                    break;
                case Flush:
                    _flushing = false;
                    foreach (var (target, (throughClusterClient, batch)) in _held)
                    {
                        // Local affinity: the member whose receptionist took the batch routes it, as it would a request
                        // over HTTP. Without it the pub-sub mediator picks any member that registered a router, an
                        // unreachable one included (it forgets a member only once it is removed).
                        target.Tell(throughClusterClient ? new ClusterClient.Send(DynamoActorClient.RouterPath, batch, localAffinity: true) : batch, Self);
                    }
                    _held.Clear();
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
    }
}
