using System.Collections.Immutable;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>
/// Asks a vnode for every object it stores durably in some segments of one key range. Answered
/// with <see cref="SegmentObjects"/>, or <see cref="VNodes.VNodeFailure"/>.
/// </summary>
/// <param name="Spec">Ring size and tree shape, which decide a key's range and segment.</param>
/// <param name="Range">The key range.</param>
/// <param name="Segments">Leaf segment indices.</param>
public sealed record GetSegmentObjects(TreeSpec Spec, int Range, ImmutableArray<int> Segments);
