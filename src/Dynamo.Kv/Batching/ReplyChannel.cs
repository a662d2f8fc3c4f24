using Akka.Actor;
using Dynamo.Kv.Diagnostics;
using Dynamo.Kv.Placement;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Batching;

/// <summary>
/// One remote coordinator host's link to this node's replicas: hands each request of the host's
/// <see cref="ReplicaBatch"/>es to the replica of its partition, as this actor, and sends the answers back to the host
/// as <see cref="ReplyBatch"/>es, the ones that came in while it was busy together. Stops when the host does.
/// </summary>
/// <remarks>
/// <para>
/// Answers wait while a read the channel handed on is unanswered: reads are answered from memory or one journal
/// read, within moments of each other, so the answers to a batch of them go back together. Once none is waiting, the
/// answers go when the channel has handled what is already in its mailbox (a flush it sends itself goes in behind),
/// as the host's <see cref="ReplicaOutbox"/> does with requests; writes are not waited for, as their acknowledgements
/// come only after the journal's commit. A read that is never answered (its vnode stopped, say) holds the others back
/// no longer than <see cref="LostReadAfter"/>.
/// </para>
/// <para>A lone answer still goes in a batch, so the host never mistakes this actor for the replica that answered.</para>
/// </remarks>
public sealed class ReplyChannel : UntypedActor, IWithTimers
{
    /// <summary>How long answers wait for a read's answer before they go without it.</summary>
    public static readonly TimeSpan LostReadAfter = TimeSpan.FromMilliseconds(20);

    private readonly IActorRef _host;
    private readonly string _node;
    private readonly INodeDirectory _directory;
    private readonly NodeMetrics? _metrics;
    private readonly List<IReplicaReply> _replies = [];
    private readonly HashSet<long> _reads = [];
    private bool _flushing;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The channel from <paramref name="host"/> to the replicas of <paramref name="node"/>.</summary>
    public ReplyChannel(IActorRef host, string node, INodeDirectory directory, NodeMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(directory);
        (_host, _node, _directory, _metrics) = (host, node, directory, metrics);
    }

    /// <summary>Props for the channel from <paramref name="host"/>.</summary>
    public static Props Props(IActorRef host, string node, INodeDirectory directory, NodeMetrics? metrics = null) =>
        Akka.Actor.Props.Create(() => new ReplyChannel(host, node, directory, metrics));

    /// <inheritdoc />
    protected override void PreStart() => Context.Watch(_host);

    // A switch rather than ReceiveActor's handler table: every request and answer of the host passes here.
    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case IReplicaReply reply:
                // The replica that answered is reached straight from now on, as a coordinator's node does.
                if (_directory.ReplicaOf(_node, reply.Partition) is ShardedReplica sharded) sharded.AnsweredBy(Sender);
                Hold(reply);
                break;
            case ReplicaBatch batch:
                foreach (var (partition, request) in batch.Requests) Deliver(partition, request);
                break;
            case ReplicaOutbox.Flush:
                _flushing = false;
                Flush();
                break;
            case LostRead:
                // Those reads' answers, if they ever come, go with the next flush.
                _reads.Clear();
                Flush();
                break;
            case Terminated terminated when terminated.ActorRef.Equals(_host):
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Deliver(int partition, object request)
    {
        if (request is ReplicaGet get) _reads.Add(get.RequestId);
        if (_directory.ReplicaOf(_node, partition) is { } replica)
        {
            replica.Tell(request, Self);
            return;
        }
        if (request is IReplicaRequest { RequestId: var id })
            Hold(new VNodeFailure(_node, partition, $"node {_node} has no replica of partition {partition}") { RequestId = id });
    }

    private void Hold(IReplicaReply reply)
    {
        _replies.Add(reply);
        _reads.Remove(reply.RequestId);
        if (_reads.Count > 0)
        {
            if (!Timers.IsTimerActive(LostRead.Instance)) Timers.StartSingleTimer(LostRead.Instance, LostRead.Instance, LostReadAfter);
            return;
        }
        if (_flushing) return;
        _flushing = true;
        Self.Tell(ReplicaOutbox.Flush.Instance, Self);
    }

    private void Flush()
    {
        Timers.Cancel(LostRead.Instance);
        if (_replies.Count == 0) return;
        _host.Tell(new ReplyBatch([.. _replies]), ActorRefs.NoSender);
        _metrics?.ReplyBatchSent(_replies.Count);
        _replies.Clear();
    }

    // A read handed on was not answered within LostReadAfter.
    private sealed record LostRead : INoSerializationVerificationNeeded
    {
        public static LostRead Instance { get; } = new();
    }
}
