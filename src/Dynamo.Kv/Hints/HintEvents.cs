namespace Dynamo.Kv.Hints;

// What a node's hinted handoff persists (see HintJournalSerializer). Every hinted write is one event, and a
// delivery the owner acknowledged is one event naming the hints it released, so replaying the journal gives
// exactly the hints still waiting.

/// <summary>A hint stored for an owner that was unreachable: what to hand to it once it is back.</summary>
/// <param name="Id">Assigned by the hinted handoff, ascending in the order hints were added; deliveries name it.</param>
/// <param name="Owner">The node the write was meant for.</param>
/// <param name="Partition">The owner's partition of the key.</param>
/// <param name="Key">The key as <see cref="ObjectKey.Encode"/> writes it (bucket and key).</param>
/// <param name="Object">The versions to deliver, as <c>SiblingSetSerializer</c> writes them.</param>
public sealed record HintAdded(long Id, string Owner, int Partition, byte[] Key, byte[] Object);

/// <summary>Hints whose owner (or the partition's current owner) acknowledged them durably: they are gone from here on.</summary>
/// <param name="Ids">The ids of the released hints.</param>
public sealed record HintsDelivered(long[] Ids);

/// <summary>Every hint still waiting, at a sequence number of the journal: recovery starts here.</summary>
/// <param name="NextId">The id the next hint gets (ids are never reused).</param>
/// <param name="Hints">The waiting hints, by id.</param>
public sealed record HintSnapshot(long NextId, IReadOnlyList<HintAdded> Hints);
