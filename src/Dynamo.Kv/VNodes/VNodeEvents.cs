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

/// <summary>The vnode's key index at a sequence number, and its epoch lease: recovery starts here.</summary>
/// <param name="Entries">Every live key: where its latest event is and the digest of its object.</param>
/// <param name="Lease">The epoch lease in force, if one was taken.</param>
public sealed record VNodeSnapshot(ImmutableArray<ReplicaIndexEntry> Entries, VNodeEpoch? Lease);

/// <summary>One live key of a vnode: the sequence number of its latest event and its object's digest.</summary>
/// <param name="StorageKey">The key as <see cref="ObjectKey.Encode"/> writes it.</param>
/// <param name="SequenceNr">The journal sequence number of the key's latest <see cref="ObjectStored"/>.</param>
/// <param name="Digest">MD5 of the stored object bytes (the anti-entropy digest).</param>
public sealed record ReplicaIndexEntry(byte[] StorageKey, long SequenceNr, byte[] Digest);
