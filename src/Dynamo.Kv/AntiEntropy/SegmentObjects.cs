using System.Collections.Immutable;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>A vnode's answer to <see cref="GetSegmentObjects"/>.</summary>
/// <param name="Node">The vnode's node id.</param>
/// <param name="Partition">The vnode's partition.</param>
/// <param name="Range">The key range.</param>
/// <param name="Objects">Every object stored in the segments asked for.</param>
public sealed record SegmentObjects(string Node, int Partition, int Range, ImmutableArray<SegmentObject> Objects);
