namespace Dynamo.Storage;

/// <summary>
/// How hard SQLite pushes a commit to the disk in WAL mode (its <c>synchronous</c> pragma).
/// </summary>
public enum SynchronousMode
{
    /// <summary>
    /// Every commit fsyncs the write-ahead log before it is acknowledged: an acknowledged write
    /// survives a process kill, an operating system crash and a power loss.
    /// </summary>
    Full,

    /// <summary>
    /// Commits reach the operating system but the log is fsynced only at checkpoints: an
    /// acknowledged write survives a process kill, but the last commits may be lost (never
    /// corrupted) on an operating system crash or power loss.
    /// </summary>
    Normal,
}
