using System.Collections.Immutable;
using Akka.Actor;
using Dynamo.Core.Siblings;
using Dynamo.Kv.AntiEntropy;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// Active anti-entropy: the vnode's hash trees, built from its index (which holds every live key's
/// digest) on the first exchange that asks for them and kept current by every write and reap handed to
/// the journal after that.
/// </summary>
/// <remarks>
/// Trees live in memory only: a restarted vnode rebuilds them from its index when next asked. Keys with
/// a write in flight take the version this vnode last handed to the journal, which is what the journal
/// holds once those writes are confirmed.
/// </remarks>
public sealed partial class VNode
{
    private readonly List<(IActorRef ReplyTo, GetTreeHashes Request)> _treeWaiting = [];
    private RangeHashTrees? _trees;
    private TreeSpec? _treeBuilding;
    private Dictionary<string, (byte[] StorageKey, SiblingSet After)>? _treeWrittenDuringBuild;
    private int _treeGeneration;

    private void CommandAntiEntropy()
    {
        Command<GetTreeHashes>(m => OnGetTreeHashes(m, Sender));
        Command<GetSegmentObjects>(OnGetSegmentObjects);
        Command<TreeFolded>(OnTreeFolded);
    }

    // Called where a write or a reap is handed to the journal, with the version the replica held before it.
    private void TrackTreeWrite(string id, byte[] storageKey, SiblingSet before, SiblingSet after)
    {
        if (_trees is not null) _trees.Track(storageKey, before, after);
        else if (_treeWrittenDuringBuild is not null) _treeWrittenDuringBuild[id] = (storageKey, after);
    }

    private void OnGetTreeHashes(GetTreeHashes request, IActorRef replyTo)
    {
        if (request.Spec.Problem() is { } problem)
        {
            replyTo.Tell(new VNodeFailure(_node, _partition, $"tree hashes asked of partition {_partition} on {_node} with an unusable spec: {problem}"), Self);
            return;
        }
        if (_trees is { } trees && trees.Spec == request.Spec)
        {
            try
            {
                replyTo.Tell(new TreeHashes(_node, _partition, request.Range, request.Level, trees.Hashes(request.Range, request.Level, request.Indices)), Self);
            }
            catch (ArgumentOutOfRangeException e)
            {
                replyTo.Tell(new VNodeFailure(_node, _partition, $"tree hashes asked of partition {_partition} on {_node}: {e.Message}"), Self);
            }
            return;
        }
        _treeWaiting.Add((replyTo, request));
        if (_treeBuilding != request.Spec) StartTreeBuild(request.Spec);
    }

    private void StartTreeBuild(TreeSpec spec)
    {
        _trees = null;
        _treeBuilding = spec;
        var generation = ++_treeGeneration;
        // Writes handed to the journal but not confirmed yet are not in the index.
        _treeWrittenDuringBuild = new(StringComparer.Ordinal);
        foreach (var (id, state) in _keys)
        {
            if (state.InFlight > 0 && state.Latest is { } latest) _treeWrittenDuringBuild[id] = (state.StorageKey, latest);
        }
        // The index holds MD5 of SiblingSetSerializer's bytes per key: the object digest, without reading values.
        Self.Tell(new TreeFolded(generation, spec, [.. _index.Digests()], null));
    }

    private void OnTreeFolded(TreeFolded folded)
    {
        if (folded.Generation != _treeGeneration) return;
        var written = _treeWrittenDuringBuild!;
        _treeBuilding = null;
        _treeWrittenDuringBuild = null;
        var waiting = _treeWaiting.ToList();
        _treeWaiting.Clear();
        if (folded.Error is not null)
        {
            foreach (var (replyTo, _) in waiting)
            {
                replyTo.Tell(new VNodeFailure(_node, _partition, $"building the hash trees of partition {_partition} on {_node} failed: {folded.Error.Message}"), Self);
            }
            return;
        }

        var trees = new RangeHashTrees(folded.Spec);
        foreach (var (key, digest) in folded.Items)
        {
            if (written.Count == 0 || !written.ContainsKey(Convert.ToHexString(key))) trees.Insert(key, digest);
        }
        foreach (var (storageKey, after) in written.Values)
        {
            if (!after.IsEmpty) trees.Insert(storageKey, ObjectDigest.Of(after));
        }
        _trees = trees;
        foreach (var (replyTo, request) in waiting) OnGetTreeHashes(request, replyTo);
    }

    private void OnGetSegmentObjects(GetSegmentObjects request)
    {
        if (request.Spec.Problem() is { } problem)
        {
            Sender.Tell(new VNodeFailure(_node, _partition, $"segment objects asked of partition {_partition} on {_node} with an unusable spec: {problem}"), Self);
            return;
        }
        var node = _node;
        var partition = _partition;
        _ = ReadSegmentsAsync(request).PipeTo(
            Sender,
            Self,
            success: objects => new SegmentObjects(node, partition, request.Range, objects),
            failure: e => new VNodeFailure(node, partition, $"reading segments of range {request.Range} in partition {partition} on {node} failed: {e.Message}"));
    }

    // Reads durable data only, like a replica read; a write still in flight is seen by the next exchange.
    private Task<ImmutableArray<SegmentObject>> ReadSegmentsAsync(GetSegmentObjects request)
    {
        var probe = new RangeHashTrees(request.Spec);
        var wanted = request.Segments.ToHashSet();
        var keys = _index.Keys()
            .Select(k => Convert.FromHexString(k.Id))
            .Where(key => request.Spec.RangeOf(key) == request.Range && wanted.Contains(probe.SegmentOf(key)))
            .ToList();
        var reads = keys.Select(ReadStored).ToArray();
        return Task.WhenAll(reads).ContinueWith(t =>
        {
            var objects = ImmutableArray.CreateBuilder<SegmentObject>(keys.Count);
            foreach (var (key, bytes) in keys.Zip(t.Result))
            {
                if (bytes is null) continue;
                var (bucket, userKey) = ObjectKey.Decode(key);
                objects.Add(new SegmentObject(bucket, userKey, SiblingSetSerializer.Deserialize(bytes)));
            }
            return objects.ToImmutable();
        }, TaskScheduler.Default);
    }

    private sealed record TreeFolded(int Generation, TreeSpec Spec, List<(byte[] Key, byte[] Digest)> Items, Exception? Error) : INoSerializationVerificationNeeded;
}
