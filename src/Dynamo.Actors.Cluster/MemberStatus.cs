namespace Dynamo.Actors.Cluster;

/// <summary>The life cycle of a cluster member, with Akka.Cluster's names.</summary>
/// <remarks>
/// Allowed moves: Joining → Up/Leaving/Down/Removed; Up → Leaving/Down/Removed;
/// Leaving → Exiting/Down/Removed; Exiting → Removed/Down; Down → Removed.
/// The numeric values are part of the binary gossip format and must never be renumbered.
/// </remarks>
public enum MemberStatus : byte
{
    /// <summary>Asked to join; not yet moved to Up by the leader.</summary>
    Joining = 0,

    /// <summary>A full member of the cluster.</summary>
    Up = 1,

    /// <summary>Asked to leave gracefully; the leader will move it to Exiting.</summary>
    Leaving = 2,

    /// <summary>Leaving, and every member has seen that; the leader removes it next.</summary>
    Exiting = 3,

    /// <summary>Declared dead by an operator or auto-down; the leader removes it next.</summary>
    Down = 4,

    /// <summary>Gone from the cluster; this incarnation can never come back.</summary>
    Removed = 5,
}
