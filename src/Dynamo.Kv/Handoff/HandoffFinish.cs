namespace Dynamo.Kv.Handoff;

/// <summary>
/// The sender's last step: every object was acknowledged and writes now go to the receiver, which
/// stops consulting the old owner and answers <see cref="HandoffAccepted"/> with Finished set.
/// </summary>
/// <param name="TransferId">The transfer.</param>
/// <param name="Partition">The partition.</param>
/// <param name="ObjectsSent">Objects sent in this attempt (for the receiver's log).</param>
public sealed record HandoffFinish(string TransferId, int Partition, long ObjectsSent);
