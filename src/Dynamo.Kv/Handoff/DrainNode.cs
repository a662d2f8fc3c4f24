namespace Dynamo.Kv.Handoff;

/// <summary>
/// Asks a node's <see cref="Membership.RingCoordinator"/> to leave the cluster gracefully: the node
/// becomes draining (persisted), every ring excludes it, its partitions are handed off, and only
/// then does it leave the cluster. Answered with <see cref="DrainAccepted"/>.
/// </summary>
public sealed record DrainNode
{
    /// <summary>The one instance (the message carries nothing).</summary>
    public static DrainNode Instance { get; } = new();
}
