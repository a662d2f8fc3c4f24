namespace Dynamo.Actors.Cluster;

/// <summary>What became of a join request.</summary>
public enum JoinOutcome
{
    /// <summary>The node was added as Joining; the leader will move it to Up on convergence.</summary>
    Added,

    /// <summary>The same incarnation is already a member (a retried join); nothing changed.</summary>
    AlreadyMember,

    /// <summary>
    /// An older incarnation at the same address was marked Terminated and Down, and the new incarnation was
    /// added as Joining beside it. Unlike Akka, which makes the new incarnation retry until the old one is
    /// removed, the leader removes the old one in the same step that moves the new one Up with the old one's
    /// up-number, so the node keeps its age across a restart.
    /// </summary>
    PreviousIncarnationDowned,

    /// <summary>This incarnation was removed from the cluster and can never rejoin; it must restart with a new uid.</summary>
    RejectedRemovedIncarnation,
}
