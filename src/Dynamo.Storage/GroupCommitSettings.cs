namespace Dynamo.Storage;

/// <summary>
/// Limits of the group commit: writes waiting in the queue are committed together in one
/// transaction (one fsync), up to these limits per transaction.
/// </summary>
public sealed record GroupCommitSettings
{
    /// <summary>The most write requests committed in one transaction.</summary>
    public int MaxWritesPerCommit { get; init; } = 1024;

    /// <summary>The most value bytes committed in one transaction (a single larger request still goes alone).</summary>
    public long MaxBytesPerCommit { get; init; } = 16 * 1024 * 1024;

    /// <summary>How many write requests may wait before writers are held back (back-pressure).</summary>
    public int QueueCapacity { get; init; } = 8192;
}
