namespace Dynamo.Kv.Handoff;

/// <summary>
/// A draining node announces itself to every member's ring coordinator, which excludes it from the
/// ring while it is still a member and answers <see cref="DrainAcknowledged"/>. Repeated every gossip
/// interval until the node leaves, so members that missed it or joined later learn it too.
/// </summary>
/// <param name="Node">The draining node's id.</param>
/// <param name="Incarnation">Its actor system uid: a later incarnation of the same address is not draining unless it says so.</param>
public sealed record NodeDraining(string Node, long Incarnation);
