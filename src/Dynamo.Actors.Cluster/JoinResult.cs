namespace Dynamo.Actors.Cluster;

/// <summary>The membership state after a join request, and what became of the request.</summary>
/// <param name="State">The new state (the same instance when nothing changed).</param>
/// <param name="Outcome">What happened to the joining node.</param>
public sealed record JoinResult(MembershipState State, JoinOutcome Outcome);
