namespace Dynamo.Actors.Cluster;

/// <summary>The membership state after receiving a gossip.</summary>
/// <param name="State">The new state (the same instance when ignored or older).</param>
/// <param name="Outcome">How the received gossip related to ours.</param>
/// <param name="Talkback">True when the sender lacks what we now hold, so we should gossip back to it.</param>
/// <param name="IgnoredReason">Why the gossip was ignored; null unless <paramref name="Outcome"/> is Ignored.</param>
public sealed record GossipReceiveResult(MembershipState State, GossipOutcome Outcome, bool Talkback, string? IgnoredReason = null);
