namespace Dynamo.Kv.Handoff;

/// <summary>A receiving vnode's refusal of a transfer step (not ready, itself handing off, or a batch write failed); the sender retries later.</summary>
/// <param name="TransferId">The transfer refused.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Node">The refusing node.</param>
/// <param name="Reason">Why, for the log and the transfers view.</param>
public sealed record HandoffRefused(string TransferId, int Partition, string Node, string Reason);
