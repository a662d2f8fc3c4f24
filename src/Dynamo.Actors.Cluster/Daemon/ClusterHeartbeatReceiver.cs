using Dynamo.Actors.Cluster.Protocol;

namespace Dynamo.Actors.Cluster.Daemon;

/// <summary>Answers failure-detector heartbeats, naming this incarnation (Akka's ClusterHeartbeatReceiver).</summary>
internal sealed class ClusterHeartbeatReceiver : ReceiveActor
{
    /// <summary>Name of this actor under <c>/system</c>; heartbeat senders address it there.</summary>
    public const string Name = "cluster-heartbeat-receiver";

    public ClusterHeartbeatReceiver(UniqueAddress self) =>
        Receive<ClusterHeartbeat>(h => Sender.Tell(new ClusterHeartbeatRsp(self, h.SequenceNr), Self));
}
