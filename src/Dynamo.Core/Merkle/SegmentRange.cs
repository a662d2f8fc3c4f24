namespace Dynamo.Core.Merkle;

/// <summary>A run of consecutive leaf segments, <c>[First, First + Count)</c>, whose contents differ.</summary>
/// <param name="First">First segment index.</param>
/// <param name="Count">Number of segments.</param>
public readonly record struct SegmentRange(int First, int Count)
{
    /// <summary>One past the last segment.</summary>
    public int End => First + Count;
}
