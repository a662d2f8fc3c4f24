namespace Dynamo.Core.Merkle;

/// <summary>What a Merkle diff found and what it cost.</summary>
/// <param name="Segments">Differing segments, merged into ascending, non-adjacent ranges.</param>
/// <param name="HashesExchanged">Hashes fetched from the other tree: the root plus the children of every differing inner node.</param>
public sealed record MerkleDiffResult(IReadOnlyList<SegmentRange> Segments, int HashesExchanged)
{
    /// <summary>Whether the trees agree.</summary>
    public bool IsEqual => Segments.Count == 0;

    /// <summary>The differing segment indices, one by one.</summary>
    public IEnumerable<int> SegmentIndices => Segments.SelectMany(r => Enumerable.Range(r.First, r.Count));
}
