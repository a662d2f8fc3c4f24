namespace Dynamo.Actors.Cluster.Protocol;

/// <summary>A failure-detector heartbeat from <paramref name="From"/>.</summary>
internal sealed record ClusterHeartbeat(UniqueAddress From, long SequenceNr);
