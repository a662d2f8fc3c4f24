namespace Dynamo.Kv.Handoff;

/// <summary>
/// Asks a node's ring manager (<see cref="Routing.KvPaths.RingManager"/>) for its ownership transfers,
/// answered with <see cref="Transfers"/>; the node's side of <c>riak-admin transfers</c>.
/// </summary>
public sealed record GetTransfers
{
    /// <summary>The one instance (the message carries nothing).</summary>
    public static GetTransfers Instance { get; } = new();
}
