namespace Dynamo.Actors.Cluster.Protocol;

/// <summary>Gossip from one incarnation to another; addressed by uid so a restarted node drops gossip meant for its predecessor.</summary>
internal sealed record GossipEnvelope(UniqueAddress From, UniqueAddress To, Gossip Gossip);
