namespace Dynamo.Kv.Handoff;

/// <summary>
/// The old owner's first step of a transfer, sent to the new owner's vnode: from now on that vnode
/// consults <paramref name="SourceNode"/> for keys it has not received yet. Answered with
/// <see cref="HandoffAccepted"/> or <see cref="HandoffRefused"/>.
/// </summary>
/// <param name="TransferId">Identifies this attempt; a restarted transfer gets a new one.</param>
/// <param name="Partition">The partition being handed off.</param>
/// <param name="SourceNode">The old owner's node id.</param>
/// <param name="SourceIncarnation">The old owner's actor system uid, so the receiver can refuse its own system.</param>
public sealed record HandoffBegin(string TransferId, int Partition, string SourceNode, long SourceIncarnation);
