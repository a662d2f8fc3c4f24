namespace Dynamo.Core.Partitioning;

/// <summary>
/// One replica slot of a preference list: the vnode (partition, node) that should hold a copy.
/// </summary>
/// <param name="Partition">The partition index the replica is stored under.</param>
/// <param name="Node">The node that holds the replica.</param>
/// <param name="IsFallback">True when <paramref name="Node"/> stands in for an unreachable owner.</param>
/// <param name="StandsInFor">For a fallback, the owner it replaces and must hand the data back to (the hint target).</param>
public sealed record PreferenceListEntry(int Partition, string Node, bool IsFallback, string? StandsInFor)
{
    /// <summary>A primary replica on its owner.</summary>
    public static PreferenceListEntry Primary(int partition, string node) => new(partition, node, false, null);

    /// <summary>A fallback replica on <paramref name="node"/> holding data for <paramref name="owner"/>.</summary>
    public static PreferenceListEntry Fallback(int partition, string node, string owner) => new(partition, node, true, owner);
}
