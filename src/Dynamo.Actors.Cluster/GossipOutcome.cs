namespace Dynamo.Actors.Cluster;

/// <summary>How a received gossip related to the local one (Akka's ReceiveGossip outcomes).</summary>
public enum GossipOutcome
{
    /// <summary>The gossip was not applied; see <see cref="GossipReceiveResult.IgnoredReason"/>.</summary>
    Ignored,

    /// <summary>The received gossip was older than ours; ours was kept.</summary>
    Older,

    /// <summary>The received gossip was newer; it replaced ours.</summary>
    Newer,

    /// <summary>Same version; the seen sets were merged.</summary>
    Same,

    /// <summary>Concurrent versions; the two gossips were merged.</summary>
    Merge,
}
