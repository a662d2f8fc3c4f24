namespace Dynamo.Kv.Handoff;

/// <summary>
/// How far a transfer's fold got: every object of the partition up to and including the key
/// <paramref name="FoldedTo"/>, each read after the old owner's journal reached sequence number
/// <paramref name="Mark"/>. A fold <see cref="HandoffBatch"/> carries one, which the receiver persists
/// once the batch's objects are durable; <see cref="HandoffAccepted"/> answers a begin with the last
/// one the receiver holds from that old owner, where the sender resumes.
/// </summary>
/// <param name="Mark">The old owner's highest sequence number when the fold began: an object of a key up
/// to <paramref name="FoldedTo"/> whose latest event is not above it was folded already.</param>
/// <param name="FoldedTo">The last storage key the fold covered.</param>
public sealed record HandoffFold(long Mark, byte[] FoldedTo)
{
    /// <summary>The smallest storage key after <paramref name="key"/>: the key followed by a zero byte.</summary>
    public static byte[] KeyAfter(ReadOnlySpan<byte> key)
    {
        var next = new byte[key.Length + 1];
        key.CopyTo(next);
        return next;
    }
}
