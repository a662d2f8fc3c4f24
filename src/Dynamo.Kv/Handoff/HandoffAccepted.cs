namespace Dynamo.Kv.Handoff;

/// <summary>
/// A receiving vnode's answer to a transfer step: <see cref="HandoffBegin"/> (with
/// <paramref name="Sequence"/> 0), a <see cref="HandoffBatch"/> once every object of it is durable, or
/// <see cref="HandoffFinish"/> (with <paramref name="Finished"/>). Names the receiver by node id and
/// actor system uid, which the sender checks before it deletes anything.
/// </summary>
/// <param name="TransferId">The transfer acknowledged.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Sequence">The batch acknowledged; 0 for the begin and the finish.</param>
/// <param name="Node">The receiver's node id.</param>
/// <param name="Incarnation">The receiver's actor system uid.</param>
/// <param name="Finished">True when this acknowledges <see cref="HandoffFinish"/>: the receiver owns the partition fully.</param>
/// <param name="Resume">Only in the answer to a begin: how far an earlier attempt's fold from the same old owner got
/// durably here, so the sender may fold on from there; null when the receiver holds no such progress.</param>
public sealed record HandoffAccepted(string TransferId, int Partition, long Sequence, string Node, long Incarnation, bool Finished, HandoffFold? Resume = null);
