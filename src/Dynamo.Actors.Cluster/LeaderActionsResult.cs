using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>The membership state after the leader's periodic actions, and the moves it made (in address order; removals last).</summary>
/// <param name="State">The new state (the same instance when nothing moved).</param>
/// <param name="Changes">The moves made; empty when this node is not the leader, there is no convergence, or nothing was due.</param>
public sealed record LeaderActionsResult(MembershipState State, ImmutableArray<MemberStatusChange> Changes);
