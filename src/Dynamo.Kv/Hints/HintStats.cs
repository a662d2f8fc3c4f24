using System.Collections.Immutable;

namespace Dynamo.Kv.Hints;

/// <summary>What a node's hinted handoff did since it started, and the hints that wait in it.</summary>
/// <param name="Node">The node that holds the hints.</param>
/// <param name="Stored">Hints stored since start (writes received as a fallback).</param>
/// <param name="Delivered">Hints delivered since start: acknowledged durably by their owner and released here.</param>
/// <param name="FailedBatches">Delivery batches that failed or timed out since start (each retried later).</param>
/// <param name="Pending">Hints waiting per owner (owners with none left out).</param>
public sealed record HintStats(string Node, long Stored, long Delivered, long FailedBatches, ImmutableSortedDictionary<string, long> Pending)
{
    /// <summary>Hints waiting for every owner together.</summary>
    public long PendingTotal => Pending.Values.Sum();
}
