using System.Collections.Immutable;

namespace Dynamo.Kv.Handoff;

/// <summary>
/// A batch of a partition's objects for the new owner's vnode, which merges each with what it holds
/// (<c>SiblingSet.Sync</c>, no sibling or size limits) and answers <see cref="HandoffAccepted"/> once all are durable.
/// </summary>
/// <param name="TransferId">The transfer.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Sequence">1 for the first batch of an attempt, then counting up.</param>
/// <param name="Objects">The objects, in key order for the fold, in any order for writes made during the transfer.</param>
/// <param name="Fold">For a batch of the fold, how far the fold got with it: the receiver persists that after the
/// objects, so a restarted transfer resumes there. Null for the keys written during the transfer.</param>
public sealed record HandoffBatch(string TransferId, int Partition, long Sequence, ImmutableArray<HandoffObject> Objects, HandoffFold? Fold = null);
