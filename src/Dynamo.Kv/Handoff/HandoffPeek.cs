namespace Dynamo.Kv.Handoff;

/// <summary>
/// A receiving vnode asks the old owner's vnode for its copy of one key, answered with
/// <see cref="VNodes.ReplicaGetResult"/> from the old owner's storage only — never forwarded, so the
/// two vnodes cannot send a read back and forth.
/// </summary>
/// <param name="Partition">The partition.</param>
/// <param name="StorageKey">The encoded bucket and key.</param>
public sealed record HandoffPeek(int Partition, byte[] StorageKey);
