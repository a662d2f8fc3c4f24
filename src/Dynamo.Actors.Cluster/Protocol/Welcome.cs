namespace Dynamo.Actors.Cluster.Protocol;

/// <summary>A member accepted a join; <paramref name="Gossip"/> lists the joining node.</summary>
internal sealed record Welcome(UniqueAddress From, Gossip Gossip);
