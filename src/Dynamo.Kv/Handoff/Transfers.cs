using System.Collections.Immutable;

namespace Dynamo.Kv.Handoff;

/// <summary>A node's outgoing ownership transfers: active ones, then the most recent finished ones.</summary>
/// <param name="Node">The node reporting.</param>
/// <param name="Items">The transfers, ordered by partition within active and finished.</param>
public sealed record Transfers(string Node, ImmutableArray<TransferStatus> Items)
{
    /// <summary>True while any transfer still has work to do.</summary>
    public bool AnyActive => Items.Any(t => t.IsActive);
}
