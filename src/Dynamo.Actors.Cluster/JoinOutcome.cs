namespace Dynamo.Actors.Cluster;

/// <summary>What became of a join request.</summary>
public enum JoinOutcome
{
    /// <summary>The node was added as Joining; the leader will move it to Up on convergence.</summary>
    Added,

    /// <summary>The same incarnation is already a member (a retried join); nothing changed.</summary>
    AlreadyMember,

    /// <summary>
    /// An older incarnation at the same address was marked Terminated and Down; the new incarnation must
    /// retry its join once the leader has removed the old one (Akka's rule: one member per address).
    /// </summary>
    PreviousIncarnationDowned,

    /// <summary>This incarnation was removed from the cluster and can never rejoin; it must restart with a new uid.</summary>
    RejectedRemovedIncarnation,
}
