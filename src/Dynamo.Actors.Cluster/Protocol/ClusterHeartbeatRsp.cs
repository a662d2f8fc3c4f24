namespace Dynamo.Actors.Cluster.Protocol;

/// <summary>The answer to a heartbeat, naming the incarnation that answered.</summary>
internal sealed record ClusterHeartbeatRsp(UniqueAddress From, long SequenceNr);
