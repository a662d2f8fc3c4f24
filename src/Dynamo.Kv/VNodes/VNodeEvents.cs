using System.Collections.Immutable;

namespace Dynamo.Kv.VNodes;

// What a vnode persists (see VNodeJournalSerializer). Each accepted write is one event holding the key's
// whole object, so the latest event of a key is all a replica needs to answer for it.

/// <summary>A key's object after an accepted write: the sibling set the replica holds from then on.</summary>
/// <param name="StorageKey">The key as <see cref="ObjectKey.Encode"/> writes it.</param>
/// <param name="Object">The object as <c>SiblingSetSerializer</c> writes it.</param>
public sealed record ObjectStored(byte[] StorageKey, byte[] Object);

/// <summary>A tombstone removed once every primary held it: the key has no object here any more.</summary>
/// <param name="StorageKey">The key as <see cref="ObjectKey.Encode"/> writes it.</param>
public sealed record ObjectReaped(byte[] StorageKey);

/// <summary>The epochs the vnode may coordinate writes under from now on (see <see cref="VNodeEpoch"/>).</summary>
/// <param name="Lease">The leased range.</param>
public sealed record EpochLeased(VNodeEpoch Lease);

/// <summary>
/// As the new owner of its partition, the vnode durably holds every object of <paramref name="SourceNode"/>'s
/// fold up to <paramref name="FoldedTo"/>: persisted after the objects of each fold batch, so a transfer
/// restarted later resumes after that key instead of from the beginning.
/// </summary>
/// <param name="SourceNode">The old owner sending the partition.</param>
/// <param name="Mark">The old owner's highest sequence number when its fold began (<see cref="Handoff.HandoffFold.Mark"/>).</param>
/// <param name="FoldedTo">The last storage key the fold has covered.</param>
public sealed record HandoffFolded(string SourceNode, long Mark, byte[] FoldedTo);

/// <summary>The transfer from <paramref name="SourceNode"/> finished: a later one starts from the beginning.</summary>
/// <param name="SourceNode">The old owner that sent the partition.</param>
public sealed record HandoffCompleted(string SourceNode);

/// <summary>The vnode's key index at a sequence number, and its epoch lease: recovery starts here.</summary>
/// <param name="Entries">Every live key: where its latest event is and the digest of its object.</param>
/// <param name="Lease">The epoch lease in force, if one was taken.</param>
public sealed record VNodeSnapshot(ImmutableArray<ReplicaIndexEntry> Entries, VNodeEpoch? Lease)
{
    /// <summary>How far each unfinished incoming transfer's fold got (<see cref="HandoffFolded"/>), one per source node.</summary>
    public ImmutableArray<HandoffFolded> Handoffs { get; init; } = [];
}

/// <summary>One live key of a vnode: the sequence number of its latest event and its object's digest.</summary>
/// <param name="StorageKey">The key as <see cref="ObjectKey.Encode"/> writes it.</param>
/// <param name="SequenceNr">The journal sequence number of the key's latest <see cref="ObjectStored"/>.</param>
/// <param name="Digest">MD5 of the stored object bytes (the anti-entropy digest).</param>
public sealed record ReplicaIndexEntry(byte[] StorageKey, long SequenceNr, byte[] Digest);
