namespace Dynamo.Actors.Cluster;

/// <summary>How two gossip versions relate causally.</summary>
public enum VectorClockOrdering
{
    /// <summary>Both versions have the same counters.</summary>
    Same,

    /// <summary>This version happened before the other (the other knows everything this one knows, and more).</summary>
    Before,

    /// <summary>This version happened after the other.</summary>
    After,

    /// <summary>Neither version knows all of the other; the gossips must be merged.</summary>
    Concurrent,
}
