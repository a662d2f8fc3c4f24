namespace Dynamo.Actors.Cluster;

/// <summary>Something that changed in the cluster, as published to subscribers (Akka's ClusterEvent.IClusterDomainEvent).</summary>
public abstract record ClusterEvent;
