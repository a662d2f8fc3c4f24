using Akka.Event;
using System.Collections.Immutable;
using System.Text;
using Akka.Actor;
using Dynamo.Core.Causality;
using Dynamo.Core.Partitioning;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Batching;
using Dynamo.Kv.Buckets;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Diagnostics;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Routing;

/// <summary>
/// A node's entry point for client requests, at <see cref="KvPaths.Router"/>: checks a
/// <see cref="Dynamo.Protocol.Get"/>, <see cref="Put"/> or <see cref="Delete"/>, hashes its key onto the ring,
/// builds the preference list, and hands the request's coordinator to one of its
/// <see cref="CoordinatorHost"/>s (one per processor, in turn) when this node is in the list,
/// or forwards the request to the list's first node otherwise. Also answers the node's bucket
/// properties (kept current by its <see cref="BucketMetadata"/>) and keeps its <see cref="RingManager"/>.
/// </summary>
/// <remarks>
/// Every reply goes from the coordinator straight to the original sender, forwarded or not.
/// The preference list holds the first N distinct owners (primaries); replicas on unreachable
/// nodes simply do not answer until sloppy quorum and hinted handoff take their place.
/// </remarks>
public sealed partial class KvRouter : ReceiveActor
{
    private readonly string _node;
    private readonly INodeDirectory _directory;
    private readonly KvSettings _settings;
    private readonly IActorRef _ringManager;
    private readonly NodeMetrics _metrics;
    private readonly IActorRef[] _coordinators;
    private readonly IActorRef _replicaInbox;
    private int _nextCoordinator;
    private BucketPropsStore _buckets;
    private Ring? _ring;

    /// <summary>
    /// Creates the router of <paramref name="node"/> (its vnodes, hints and bucket properties persist to the node's
    /// journal, the actor system's Akka.Persistence plugin); bucket properties
    /// are replicated through <paramref name="replicator"/> (Akka.DistributedData's) when given, and this node's
    /// alone otherwise (a single node without a cluster).
    /// </summary>
    public KvRouter(string node, INodeDirectory directory, KvSettings settings, IActorRef? replicator = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(settings);
        _node = node;
        _directory = directory;
        _settings = settings;
        _metrics = KvMetrics.For(Context.System, node);
        _readRepairs = new ReadRepairCounter(_metrics);
        _buckets = new BucketPropsStore(settings.BucketDefaults);
        _ringManager = Context.ActorOf(
            RingManager.Props(node, settings.VNode, new Handoff.HandoffWiring(directory, Handoff.SystemIncarnation.Of(Context.System), settings.Handoff)),
            KvPaths.RingManagerName);
        _coordinators = new IActorRef[Environment.ProcessorCount];
        Func<ReplicaOutbox>? outbox = settings.ReplicaBatching ? () => new ReplicaOutbox(node, directory, _metrics) : null;
        for (var i = 0; i < _coordinators.Length; i++) _coordinators[i] = Context.ActorOf(CoordinatorHost.Props(outbox, _metrics), KvPaths.CoordinatorHostName(i));
        // Always started: other nodes may batch to this one whatever this node's own setting.
        _replicaInbox = Context.ActorOf(ReplicaInbox.Props(node, directory, _metrics), KvPaths.ReplicaInboxName);
        StartHintedHandoff();
        StartAntiEntropy();
        StartBucketMetadata(replicator);

        Receive<RingChanged>(OnRingChanged);
        Receive<Get>(m => OnGet(m, new Requester(Sender), forwarded: false));
        Receive<Put>(m => OnPut(m, new Requester(Sender), forwarded: false));
        Receive<Delete>(m => OnDelete(m, new Requester(Sender), forwarded: false));
        Receive<RequestBatch>(OnRequestBatch);
        Receive<ForwardedRequest>(OnForwarded);
        ReceiveGetRing();
        ReceiveReadRepairStats();
        ReceiveObjectBufferStats();
    }

    /// <summary>
    /// Props for the router of <paramref name="node"/>; create it named <see cref="KvPaths.RouterName"/>. A cluster
    /// member passes Akka.DistributedData's <paramref name="replicator"/>, so bucket properties are cluster metadata.
    /// </summary>
    public static Props Props(string node, INodeDirectory directory, KvSettings settings, IActorRef? replicator = null) =>
        Akka.Actor.Props.Create(() => new KvRouter(node, directory, settings, replicator));

    /// <summary>
    /// A coordinator host restarts when it fails, as the router keeps sending it requests; those it was running are
    /// forgotten, and their clients' own timeouts answer them. A coordinator that throws is answered within its host,
    /// so this is for the host's own faults. The replica inbox restarts too, under the same reference, which other nodes
    /// keep sending their batches to. Other children stop when they fail: the ring manager throws on nothing it
    /// receives, and restarts failed vnodes itself; the bucket metadata throws on nothing either.
    /// </summary>
    protected override Akka.Actor.SupervisorStrategy SupervisorStrategy() => new ChildSupervision(_coordinators, _replicaInbox);

    // Decides by which child failed, which a decider of exceptions alone cannot.
    private sealed class ChildSupervision(IActorRef[] coordinators, IActorRef replicaInbox) : OneForOneStrategy(Akka.Actor.SupervisorStrategy.StoppingStrategy.Decider)
    {
        protected override Directive Handle(IActorRef child, Exception exception) =>
            Array.IndexOf(coordinators, child) >= 0 || child.Equals(replicaInbox) ? Directive.Restart : Directive.Stop;
    }

    private void OnRingChanged(RingChanged changed)
    {
        if (changed.Ring.PartitionCount != _settings.RingPartitions)
        {
            // Routing by a ring of another size would send keys to the wrong partitions: keep the old ring.
            Context.System.Log.Error(
                "Node {0} ignores a ring of {1} partitions: dynamo.kv.ring-partitions is {2}.",
                _node, changed.Ring.PartitionCount, _settings.RingPartitions);
            return;
        }
        _ring = changed.Ring;
        _ringManager.Forward(changed);
        _hintedHandoff.Tell(changed, Self);
        _antiEntropy.Tell(changed, Self);
    }

    // Each request of a client's batch is taken as if it came alone; its result goes back in a batch, by its id.
    private void OnRequestBatch(RequestBatch batch)
    {
        _metrics.RequestBatchReceived(batch.Requests.Count);
        foreach (var entry in batch.Requests)
        {
            if (entry.Id == 0)
            {
                // Nothing to answer it by: a result without an id would match none of the client's requests.
                Context.System.Log.Warning("Node {0} dropped a batched request without an id from {1}.", _node, Sender);
                continue;
            }
            Take(entry.Request, new Requester(Sender, (long)entry.Id), forwarded: false);
        }
    }

    private void OnForwarded(ForwardedRequest forwarded) =>
        Take(forwarded.Request, new Requester(Sender, forwarded.ClientRequestId), forwarded: true);

    private void Take(object? request, Requester requester, bool forwarded)
    {
        switch (request)
        {
            case Get get: OnGet(get, requester, forwarded); break;
            case Put put: OnPut(put, requester, forwarded); break;
            case Delete delete: OnDelete(delete, requester, forwarded); break;
            default:
                var problem = forwarded ? $"cannot forward a {request?.GetType().Name ?? "null"}" : "a batched request carries no Get, Put or Delete";
                requester.Tell(KvFailures.InvalidRequest(problem), Self);
                break;
        }
    }

    private void OnGet(Get get, Requester requester, bool forwarded)
    {
        var props = _buckets.For(get.Bucket);
        if (!CheckKey("get", requester, get.Bucket, get.Key) || !TryQuorum("get", requester, get.HasR ? get.R : null, props.R, props.N, "r", out var r))
        {
            return;
        }
        var key = get.Key.ToByteArray();
        Coordinate(get, requester, forwarded, get.Bucket, key, props.N, r, (_, replicas) =>
            new GetCoordinator(new ReadPlan(get.Bucket, key, r, props.LastWriteWins, replicas, _settings.RequestTimeout) { Repairs = _readRepairs, PR = props.PR, Metrics = _metrics }, requester));
    }

    private void OnPut(Put put, Requester requester, bool forwarded)
    {
        var props = _buckets.For(put.Bucket);
        if (!CheckKey("put", requester, put.Bucket, put.Key) || !TryQuorum("put", requester, put.HasW ? put.W : null, props.W, props.N, "w", out var w))
        {
            return;
        }
        if (put.Value.Length > _settings.MaxValueSize)
        {
            Refuse("put", requester, KvFailures.ValueTooLarge(put.Value.Length, _settings.MaxValueSize));
            return;
        }
        if (!TryParseContext("put", requester, put.Context, out var context))
        {
            return;
        }
        var contentType = string.IsNullOrEmpty(put.ContentType) ? SiblingMetadata.DefaultContentType : put.ContentType;
        // A ByteString is immutable, so the sibling can share its bytes rather than copy the value.
        var value = new Sibling(put.Value.Memory, SiblingMetadata.Value(Now(), contentType));
        CoordinateWrite(put, requester, forwarded, put.Bucket, put.Key.ToByteArray(), context, value, isDelete: false, props, w);
    }

    private void OnDelete(Delete delete, Requester requester, bool forwarded)
    {
        var props = _buckets.For(delete.Bucket);
        if (!CheckKey("delete", requester, delete.Bucket, delete.Key)
            || !TryQuorum("delete", requester, delete.HasW ? delete.W : null, props.W, props.N, "w", out var w)
            || !TryParseContext("delete", requester, delete.Context, out var context))
        {
            return;
        }
        CoordinateWrite(delete, requester, forwarded, delete.Bucket, delete.Key.ToByteArray(), context, Sibling.Tombstone(Now()), isDelete: true, props, w);
    }

    private void CoordinateWrite(object request, Requester requester, bool forwarded, string bucket, byte[] key, CausalContext context,
        Sibling value, bool isDelete, BucketProperties props, int w) =>
        Coordinate(request, requester, forwarded, bucket, key, props.N, w, (partition, replicas) =>
        {
            var local = replicas.First(t => t.Node == _node);
            var plan = new WritePlan(bucket, key, context, value, isDelete, props.LastWriteWins, w, local,
                replicas.Remove(local), _settings.RequestTimeout, _settings.SiblingLimits) { Reap = ReapFor(isDelete, partition, props.N), PW = props.PW, ObjectBuffer = props.ObjectBuffer, Metrics = _metrics };
            return new PutCoordinator(plan, requester);
        });

    // The key's partition is hashed once, here; the coordinator's factory gets it with the replicas.
    private void Coordinate(object request, Requester requester, bool forwarded, string bucket, byte[] key, int n, int quorum,
        Func<int, ImmutableArray<ReplicaTarget>, Coordinator> coordinator)
    {
        var operation = request switch { Get => "get", Delete => "delete", _ => "put" };
        if (_ring is null)
        {
            Refuse(operation, requester, KvFailures.QuorumNotMet(0, quorum, false, $"node {_node} has no ring yet"));
            return;
        }
        var partition = _ring.PartitionOf(Encoding.UTF8.GetBytes(bucket), key);
        var preferenceList = SloppyPreferenceList(partition, n);
        if (preferenceList.Primaries.Any(e => e.Node == _node))
        {
            var replicas = preferenceList.Entries.Select(TargetOf).ToImmutableArray();
            _coordinators[_nextCoordinator].Tell(coordinator(partition, replicas), ActorRefs.NoSender);
            _nextCoordinator = (_nextCoordinator + 1) % _coordinators.Length;
            return;
        }

        // Only a primary coordinates (a fallback has no vnode to advance the clock in): the first reachable one.
        if (preferenceList.Primaries.FirstOrDefault()?.Node is not { } first)
        {
            Refuse(operation, requester, KvFailures.QuorumNotMet(0, quorum, false, $"no primary of partition {partition} is reachable from node {_node}"));
        }
        else if (forwarded)
        {
            Refuse(operation, requester, KvFailures.QuorumNotMet(0, quorum, false,
                $"node {_node} received a forwarded request for partition {partition} but is not in its preference list (rings disagree)"));
        }
        else if (_directory.RouterOf(first) is { } router)
        {
            // The other node answers the client itself, a batched request in a batch of its own.
            router.Tell(new ForwardedRequest(request) { ClientRequestId = requester.RequestId }, requester.Actor);
            _metrics.Forwarded();
        }
        else
        {
            Refuse(operation, requester, KvFailures.QuorumNotMet(0, quorum, false, $"node {first}, first in the preference list, is unknown to node {_node}"));
        }
    }

    // Answers a request the router refuses itself, counted like the coordinators' answers (it took no time to speak of).
    private void Refuse(string operation, Requester requester, KvFailure failure)
    {
        requester.Tell(failure, Self);
        _metrics.Request(operation, failure, TimeSpan.Zero);
    }

    private bool CheckKey(string operation, Requester requester, string bucket, ByteString key)
    {
        var problem = string.IsNullOrEmpty(bucket) ? "the bucket name is empty"
            : key.IsEmpty ? "the key is empty"
            : null;
        if (problem is not null)
        {
            Refuse(operation, requester, KvFailures.InvalidRequest(problem));
        }
        return problem is null;
    }

    private bool TryQuorum(string operation, Requester requester, uint? requested, int bucketDefault, int n, string name, out int quorum)
    {
        if (requested is null)
        {
            quorum = bucketDefault;
            return true;
        }
        if (requested < 1 || requested > n)
        {
            Refuse(operation, requester, KvFailures.InvalidRequest($"{name} must be between 1 and the bucket's n ({n}), but was {requested}"));
            quorum = 0;
            return false;
        }
        quorum = (int)requested.Value;
        return true;
    }

    private bool TryParseContext(string operation, Requester requester, ByteString bytes, out CausalContext context)
    {
        try
        {
            context = CausalContext.Parse(bytes.Span);
            return true;
        }
        catch (InvalidContextException e)
        {
            Refuse(operation, requester, KvFailures.InvalidContext(e.Message));
            context = CausalContext.Empty;
            return false;
        }
    }

    private long Now() => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();
}
