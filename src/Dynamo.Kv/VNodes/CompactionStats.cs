namespace Dynamo.Kv.VNodes;

// A vnode's journal compaction seen from outside: what it did since the vnode started.

/// <summary>Asks a vnode what its journal compaction did since it started; answered with <see cref="CompactionStats"/>.</summary>
public sealed record GetCompactionStats : Akka.Actor.INoSerializationVerificationNeeded
{
    /// <summary>The one instance.</summary>
    public static GetCompactionStats Instance { get; } = new();
}

/// <summary>What the journal compaction of <paramref name="Partition"/>'s vnode did since the vnode started.</summary>
/// <param name="Partition">The vnode's partition.</param>
/// <param name="Compactions">Compactions completed: their events deleted.</param>
/// <param name="Failures">Compactions given up because the journal or snapshot store failed a step; they deleted nothing.</param>
/// <param name="ObjectsRewritten">Live objects copied from old events to new ones.</param>
/// <param name="EventsDeleted">Sequence numbers the completed compactions deleted (garbage and the copied originals).</param>
/// <param name="CompactedTo">Events up to this sequence number are deleted, or are garbage below every live key's latest event.</param>
/// <param name="LastSequenceNr">The vnode's last confirmed journal sequence number.</param>
/// <param name="Running">True while a compaction is under way.</param>
public sealed record CompactionStats(int Partition, long Compactions, long Failures, long ObjectsRewritten, long EventsDeleted, long CompactedTo, long LastSequenceNr, bool Running)
    : Akka.Actor.INoSerializationVerificationNeeded;
