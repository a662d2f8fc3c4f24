namespace Dynamo.Testing;

/// <summary>One member as a node's <c>GET /cluster</c> showed it.</summary>
/// <param name="Address">The member address.</param>
/// <param name="Status">Joining, Up, Leaving, Exiting, Down or Removed.</param>
/// <param name="Reachable">Whether the observing node's failure detector considers it reachable.</param>
public sealed record MemberSnapshot(string Address, string Status, bool Reachable);
