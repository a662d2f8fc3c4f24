using System.Collections.Immutable;

namespace Dynamo.Server.Node;

/// <summary>The cluster as one node sees it.</summary>
/// <param name="Self">The address of the node giving this view.</param>
/// <param name="Leader">The leader's address (first reachable Up or Leaving member in address order), null when there is none.</param>
/// <param name="Members">Every member, in address order.</param>
public sealed record ClusterView(string Self, string? Leader, ImmutableArray<ClusterMemberView> Members)
{
    /// <summary>This node's outgoing ownership transfers, active first (the node's part of <c>riak-admin transfers</c>).</summary>
    public ImmutableArray<TransferView> Transfers { get; init; } = [];
}
