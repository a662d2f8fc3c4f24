namespace Dynamo.Kv.Handoff;

/// <summary>One ownership transfer as its sending node reports it.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="From">The old owner (the node reporting).</param>
/// <param name="To">The new owner.</param>
/// <param name="ObjectsSent">Objects the receiver acknowledged in the current attempt.</param>
/// <param name="State">Where the transfer stands.</param>
/// <param name="Attempts">Attempts started so far (1 unless a failure restarted it).</param>
/// <param name="LastError">Why the last attempt failed, if one did.</param>
/// <param name="ObjectsSkipped">Objects the current attempt does not send again because it resumed where an earlier
/// attempt's fold left off (the receiver held them durably); 0 when it started from the beginning.</param>
public sealed record TransferStatus(int Partition, string From, string To, long ObjectsSent, TransferState State, int Attempts, string? LastError, long ObjectsSkipped = 0)
{
    /// <summary>True while the transfer still has work to do.</summary>
    public bool IsActive => State is TransferState.Starting or TransferState.Sending or TransferState.Finishing;
}
