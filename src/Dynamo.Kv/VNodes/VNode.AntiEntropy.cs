using System.Collections.Immutable;
using Akka.Actor;
using Dynamo.Storage;
using Dynamo.Core.Siblings;
using Dynamo.Kv.AntiEntropy;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// Active anti-entropy: the vnode's hash trees, built from storage on the first exchange that asks
/// for them and kept current by every write and reap handed to storage after that.
/// </summary>
/// <remarks>
/// Trees live in memory only: a restarted vnode rebuilds them from storage when next asked. The
/// build folds storage while writes go on, so a key written during the fold may be seen by the
/// fold before or after that write; such keys (and those with a write in flight when the fold
/// began) take the version this vnode last handed to storage instead, which is what storage holds
/// once those writes complete. A failed write leaves storage's content unknown, so the trees are
/// dropped and built again.
/// </remarks>
public sealed partial class VNode
{
    private readonly List<(IActorRef ReplyTo, GetTreeHashes Request)> _treeWaiting = [];
    private RangeHashTrees? _trees;
    private TreeSpec? _treeBuilding;
    private Dictionary<string, (byte[] StorageKey, SiblingSet After)>? _treeWrittenDuringBuild;
    private int _treeGeneration;

    private void ReceiveAntiEntropy()
    {
        Receive<GetTreeHashes>(m => OnGetTreeHashes(m, Sender));
        Receive<GetSegmentObjects>(OnGetSegmentObjects);
        Receive<TreeFolded>(OnTreeFolded);
    }

    // Called where a write or a reap is handed to storage, with the version storage held before it.
    private void TrackTreeWrite(string id, byte[] storageKey, SiblingSet before, SiblingSet after)
    {
        if (_trees is not null) _trees.Track(storageKey, before, after);
        else if (_treeWrittenDuringBuild is not null) _treeWrittenDuringBuild[id] = (storageKey, after);
    }

    private void DropTrees()
    {
        _trees = null;
        if (_treeBuilding is { } spec) StartTreeBuild(spec);
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
        // Writes handed to storage but not durable yet may or may not be seen by the fold.
        _treeWrittenDuringBuild = new(StringComparer.Ordinal);
        foreach (var (id, state) in _keys)
        {
            if (state.InFlight > 0 && state.Latest is { } latest) _treeWrittenDuringBuild[id] = (state.StorageKey, latest);
        }
        _ = FoldDigestsAsync(_store, _partition).PipeTo(
            Self,
            success: items => new TreeFolded(generation, spec, items, null),
            failure: e => new TreeFolded(generation, spec, [], e));
    }

    // Storage holds exactly SiblingSetSerializer's bytes, so their MD5 is the object's digest without parsing.
    private static async Task<List<(byte[] Key, byte[] Digest)>> FoldDigestsAsync(IKeyValueStore store, int partition)
    {
        var items = new List<(byte[], byte[])>();
        await foreach (var entry in store.FoldAsync(partition).ConfigureAwait(false))
        {
            items.Add((entry.Key.ToArray(), System.Security.Cryptography.MD5.HashData(entry.Value.Span)));
        }
        return items;
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
        _ = ReadSegmentsAsync(_store, partition, request).PipeTo(
            Sender,
            Self,
            success: objects => new SegmentObjects(node, partition, request.Range, objects),
            failure: e => new VNodeFailure(node, partition, $"reading segments of range {request.Range} in partition {partition} on {node} failed: {e.Message}"));
    }

    // Reads durable data only, like a replica read; a write still in flight is seen by the next exchange.
    private static async Task<ImmutableArray<SegmentObject>> ReadSegmentsAsync(IKeyValueStore store, int partition, GetSegmentObjects request)
    {
        var probe = new RangeHashTrees(request.Spec);
        var wanted = request.Segments.ToHashSet();
        var objects = ImmutableArray.CreateBuilder<SegmentObject>();
        await foreach (var entry in store.FoldAsync(partition).ConfigureAwait(false))
        {
            var key = entry.Key.Span;
            if (request.Spec.RangeOf(key) != request.Range || !wanted.Contains(probe.SegmentOf(key))) continue;
            var (bucket, userKey) = ObjectKey.Decode(key);
            objects.Add(new SegmentObject(bucket, userKey, SiblingSetSerializer.Deserialize(entry.Value.Span)));
        }
        return objects.ToImmutable();
    }

    private sealed record TreeFolded(int Generation, TreeSpec Spec, List<(byte[] Key, byte[] Digest)> Items, Exception? Error) : INoSerializationVerificationNeeded;
}
