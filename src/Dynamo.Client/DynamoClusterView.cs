namespace Dynamo.Client;

/// <summary>The cluster as one node sees it: the answer of <c>GET /cluster</c>.</summary>
/// <param name="Self">The address of the node that answered.</param>
/// <param name="Leader">The leader's address, null when there is none.</param>
/// <param name="Members">Every member, in address order.</param>
public sealed record DynamoClusterView(string Self, string? Leader, IReadOnlyList<DynamoClusterMember> Members)
{
    /// <summary>
    /// The answering node's own outgoing ownership transfers, running ones first; empty from a node that reports none.
    /// Other members' transfers are in their own views.
    /// </summary>
    public IReadOnlyList<DynamoTransfer> Transfers { get; init; } = [];
}
