using System.Collections.Immutable;
using Akka.Actor;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>
/// One exchange of one key range between this node's vnode and a peer's: compares their trees
/// level by level from the root, descending only into children whose hashes differ, fetches the
/// objects of the differing leaf segments from both sides, and sends each side what it lacks as a
/// <see cref="ReplicaPut"/>. Reports an <see cref="ExchangeResult"/> to its parent and stops.
/// </summary>
/// <remarks>
/// Repairs are causal merges (<see cref="SiblingSet.Sync"/>) through the replica-write path, which
/// never applies sibling limits, so nothing either side holds is dropped. One exception keeps reaps
/// effective: a side that holds nothing is not sent an object that is only tombstones, since it
/// reads as not found already and the other side may simply not have reaped yet.
/// </remarks>
public sealed class TreeExchange : ReceiveActor, IWithTimers
{
    private readonly string _node;
    private readonly INodeDirectory _directory;
    private readonly TreeSpec _spec;
    private readonly StartExchange _job;
    private readonly TimeSpan _timeout;
    private readonly Func<string, bool> _bothReplicate;
    private readonly int _depth;
    private readonly int _fanOut;
    private ICanTell _local = ActorRefs.Nobody;
    private ICanTell _peer = ActorRefs.Nobody;
    private ImmutableArray<int> _asked = [];
    private TreeHashes? _localHashes;
    private TreeHashes? _peerHashes;
    private SegmentObjects? _localObjects;
    private SegmentObjects? _peerObjects;
    private long _hashesExchanged;
    private int _segmentsDiffering;
    private int _keysRepaired;
    private int _acksPending;
    private bool _finished;

    /// <summary>
    /// Creates the exchange <paramref name="job"/> of <paramref name="node"/>, repairing only keys of
    /// buckets for which <paramref name="bothReplicate"/> says both vnodes are replicas.
    /// </summary>
    public TreeExchange(string node, INodeDirectory directory, TreeSpec spec, StartExchange job, TimeSpan timeout, Func<string, bool> bothReplicate)
    {
        ArgumentNullException.ThrowIfNull(bothReplicate);
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(job);
        _node = node;
        _directory = directory;
        _spec = spec;
        _job = job;
        _timeout = timeout;
        _bothReplicate = bothReplicate;
        _depth = spec.Shape.Depth;
        _fanOut = spec.FanOut;

        Receive<TreeHashes>(OnTreeHashes);
        Receive<SegmentObjects>(OnSegmentObjects);
        Receive<ReplicaPutAck>(_ => OnAck());
        Receive<VNodeFailure>(f => Finish(f.Reason));
        Receive<ExchangeTimedOut>(_ => Finish($"no answer within {_timeout}"));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for one exchange; its parent receives the <see cref="ExchangeResult"/>.</summary>
    public static Props Props(string node, INodeDirectory directory, TreeSpec spec, StartExchange job, TimeSpan timeout, Func<string, bool> bothReplicate) =>
        Akka.Actor.Props.Create(() => new TreeExchange(node, directory, spec, job, timeout, bothReplicate));

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_job.PeerNode == _node)
        {
            Finish("a vnode cannot exchange with a vnode of its own node");
            return;
        }
        if (_directory.VNodeOf(_node, _job.LocalPartition) is not { } local || _directory.VNodeOf(_job.PeerNode, _job.PeerPartition) is not { } peer)
        {
            Finish($"node {_job.PeerNode} is unknown");
            return;
        }
        _local = local;
        _peer = peer;
        Timers.StartSingleTimer(ExchangeTimedOut.Instance, ExchangeTimedOut.Instance, _timeout);
        AskHashes(0, [0]);
    }

    private void AskHashes(int level, ImmutableArray<int> indices)
    {
        _asked = indices;
        _localHashes = null;
        _peerHashes = null;
        var request = new GetTreeHashes(_spec, _job.Range, level, indices);
        _local.Tell(request, Self);
        _peer.Tell(request, Self);
    }

    private void OnTreeHashes(TreeHashes hashes)
    {
        if (hashes.Range != _job.Range) return;
        if (hashes.Node == _node) _localHashes = hashes;
        else if (hashes.Node == _job.PeerNode) { _peerHashes = hashes; _hashesExchanged += hashes.Hashes.Length; }
        if (_localHashes is null || _peerHashes is null) return;
        if (_localHashes.Hashes.Length != _asked.Length || _peerHashes.Hashes.Length != _asked.Length)
        {
            Finish($"asked for {_asked.Length} hashes but got {_localHashes.Hashes.Length} here and {_peerHashes.Hashes.Length} from {_job.PeerNode}");
            return;
        }

        var level = _localHashes.Level;
        var differing = ImmutableArray.CreateBuilder<int>();
        for (var i = 0; i < _asked.Length; i++)
        {
            if (_localHashes.Hashes[i] != _peerHashes.Hashes[i]) differing.Add(_asked[i]);
        }
        if (differing.Count == 0)
        {
            // Equal trees, or differences that writes resolved while the exchange descended.
            Finish(null);
        }
        else if (level == _depth)
        {
            _segmentsDiffering = differing.Count;
            var request = new GetSegmentObjects(_spec, _job.Range, differing.ToImmutable());
            _local.Tell(request, Self);
            _peer.Tell(request, Self);
        }
        else
        {
            AskHashes(level + 1, [.. differing.SelectMany(parent => Enumerable.Range(parent * _fanOut, _fanOut))]);
        }
    }

    private void OnSegmentObjects(SegmentObjects objects)
    {
        if (objects.Range != _job.Range) return;
        if (objects.Node == _node) _localObjects = objects;
        else if (objects.Node == _job.PeerNode) _peerObjects = objects;
        if (_localObjects is null || _peerObjects is null) return;

        var local = ByKey(_localObjects);
        var peer = ByKey(_peerObjects);
        foreach (var id in local.Keys.Union(peer.Keys))
        {
            var mine = local.GetValueOrDefault(id);
            var theirs = peer.GetValueOrDefault(id);
            var a = mine?.Object ?? SiblingSet.Empty;
            var b = theirs?.Object ?? SiblingSet.Empty;
            var any = mine ?? theirs!;
            if (a.Equals(b) || !_bothReplicate(any.Bucket)) continue;
            var merged = a.Sync(b);
            var sent = Repair(_local, a, merged, any) | Repair(_peer, b, merged, any);
            if (sent) _keysRepaired++;
        }
        if (_acksPending == 0) Finish(null);
    }

    private bool Repair(ICanTell side, SiblingSet held, SiblingSet merged, SegmentObject key)
    {
        if (merged.Equals(held) || (held.IsEmpty && merged.IsDeleted)) return false;
        _acksPending++;
        side.Tell(new ReplicaPut(key.Bucket, key.Key, merged), Self);
        return true;
    }

    private static Dictionary<string, SegmentObject> ByKey(SegmentObjects objects) =>
        objects.Objects.ToDictionary(o => Convert.ToHexString(ObjectKey.Encode(o.Bucket, o.Key)), StringComparer.Ordinal);

    private void OnAck()
    {
        if (_acksPending > 0 && --_acksPending == 0) Finish(null);
    }

    private void Finish(string? error)
    {
        // A failure or timeout may still arrive after the result was sent.
        if (_finished) return;
        _finished = true;
        Timers.CancelAll();
        Context.Parent.Tell(new ExchangeResult(_job, _hashesExchanged, _segmentsDiffering, _keysRepaired, error), Self);
        Context.Stop(Self);
    }

    private sealed record ExchangeTimedOut : INoSerializationVerificationNeeded
    {
        public static ExchangeTimedOut Instance { get; } = new();
    }
}
